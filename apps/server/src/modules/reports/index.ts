export { reportsRoutes } from './reports.routes.js';
export { rollUpVisits } from './rollup.js';
