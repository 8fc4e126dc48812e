export { declarationsRoutes } from './declarations.routes.js';
export { declarationDue } from './declarations.service.js';
export { fellowTravellers, type FellowTraveller, type JourneyQuery } from './tracing-queries.js';
export { ensureMonitoring } from './worklists.service.js';
