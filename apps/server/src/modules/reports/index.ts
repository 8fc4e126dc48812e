export { reportsRoutes } from './reports.routes.js';
export { rollUpVisits } from './rollup.js';
export { dailyScanCounts } from './exchange.js';
