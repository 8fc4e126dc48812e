export { presenceRoutes } from './presence.routes.js';
export { closeOverdueVisits, purgeOldVisits } from './visits.service.js';
export { visitsAtPlaceBetween, visitsOfPersonBetween, visitsOfPeopleSince, visitsOfPhoneBetween, type TraceVisit } from './tracing-queries.js';
