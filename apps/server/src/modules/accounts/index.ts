export { resolveSession, purgeExpiredSessions, type ResolvedSession } from './sessions.js';
export { ensureInitialAdmin, createUser, listUsers } from './users.service.js';
export { authRoutes } from './auth.routes.js';
export { usersRoutes } from './users.routes.js';
export { accountsByPhoneIndex, findOrCreateCitizenByPhone, labelsOf, phonesOf, type PersonLabel } from './citizens.js';
export { sendPhoneCode, checkPhoneCode } from './phone-codes.js';
export { phoneIndex } from './citizens.js';
export { addFamilyMember, familyMemberInputSchema, householdsOf, listFamily, maySpeakFor, removeFamilyMember, type FamilyMember } from './family.js';
export { familyRoutes } from './family.routes.js';
