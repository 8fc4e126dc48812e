export { exposureRoutes } from './exposure.routes.js';
export { exportIfDue, purgeExposure, runExport, type ExportRun } from './export.service.js';
export { eraseSharesOf } from './privacy.js';
