export { casesRoutes } from './cases.routes.js';
export { placesVisitedByCases, type CasePlace } from './chain.service.js';
export { repeatWarnings } from './contacts.service.js';
export { retraceActiveCases } from './jobs.js';
export { newCommunityCases } from './statistics.js';
export { indicators } from './chain.service.js';
