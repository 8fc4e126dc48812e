export { declarationsRoutes } from './declarations.routes.js';
export { declarationDue } from './declarations.service.js';
