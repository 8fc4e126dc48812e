export { presenceRoutes } from './presence.routes.js';
export { closeOverdueVisits, purgeOldVisits } from './visits.service.js';
