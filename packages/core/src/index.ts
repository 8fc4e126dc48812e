export * from './errors.js';
export * from './validation.js';
export * from './text.js';
export * from './phone.js';
export * from './ids.js';
export * from './units.js';
export * from './accounts.js';
