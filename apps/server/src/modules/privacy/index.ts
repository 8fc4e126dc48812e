export { privacyRoutes } from './privacy.routes.js';
export { deleteMyAccount, exportMyData, type DeletionResult } from './privacy.service.js';
