export { presenceRoutes } from './presence.routes.js';
export { closeOverdueVisits, purgeOldVisits } from './visits.service.js';
export { presenceAtPlacesIn, visitorDetails, visitsOfPeopleIn, visitsOfPersonBetween, visitsOfPeopleSince, visitsOfPhonesIn, type PresenceAt, type TraceVisit, type VisitRange } from './tracing-queries.js';
export { eraseVisitsOf, visitsForExport, type VisitExport } from './privacy.js';
