export { mapRoutes } from './map.routes.js';
export { computeRiskLevelsIfDue } from './risk.service.js';
