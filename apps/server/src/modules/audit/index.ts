export { recordAudit, recordPersonalDataRead, searchAudit, type AuditEvent } from './audit.service.js';
export { auditRoutes } from './audit.routes.js';
export { purgeOldReads, readsOfPeople } from './privacy.js';
