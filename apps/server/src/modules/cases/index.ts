export { casesRoutes } from './cases.routes.js';
export { placesVisitedByCases, type CasePlace } from './chain.service.js';
export { contactsNotReachedByCommune, repeatWarnings } from './contacts.service.js';
export { retraceActiveCases } from './jobs.js';
export { newCommunityCases } from './statistics.js';
export { indicators } from './chain.service.js';
export { addSharedExposure, caseCodesOf, caseForExposureCode, type CaseForExposure, type SharedExposure } from './shared-exposure.js';
export { changeCase, registerCase } from './cases.service.js';
export { activeCaseForPerson, casesForExchange, contactsForExchange, contactsOfPeople, dailyCaseFigures, latestContactOfPerson, type CaseForExchange, type ContactForExchange } from './exchange.js';
