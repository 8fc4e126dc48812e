export { declarationsRoutes } from './declarations.routes.js';
export { declarationDue } from './declarations.service.js';
export { fellowTravellers, type FellowTraveller, type JourneyQuery } from './tracing-queries.js';
export { ensureMonitoring } from './worklists.service.js';
export { dailyDeclarationCounts, declaredPeople, subjectOfDeclaration, subjectsByIdNumber, symptomReports, type DeclaredPerson, type SymptomReport } from './exchange.js';
export { citizensDeclaredIn, monitoredWithoutUpdateToday } from './audience.js';
export { declarationsForExport, eraseDeclarationsOf, eraseReportsBy, purgeOldDeclarations, reportsForExport } from './privacy.js';
