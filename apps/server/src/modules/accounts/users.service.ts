import fs from 'node:fs';
import path from 'node:path';
import type { Role, Sector, User, UserCreate, UserUpdate } from '@phongdich/core';
import { SYSTEM_ACTOR, type Actor } from '../../actor.js';
import { newId, type Context } from '../../context.js';
import { isUniqueViolation } from '../../db/database.js';
import { AppError } from '../../http/errors.js';
import { recordAudit } from '../audit/index.js';
import { isInHomeProvince, requireUnit } from '../units/index.js';
import {
  countAdmins,
  deleteSessionsOfUser,
  findUserById,
  findUserByUsername,
  insertUser,
  listUsers as listUserRows,
  updateUser as updateUserRow,
  type UserRow,
} from './accounts.repository.js';
import { checkAssignment, readablePassword } from './accounts.rules.js';
import { forgetSessions } from './sessions.js';

export function toUser(row: UserRow): User {
  return {
    id: row.id,
    username: row.username,
    displayName: row.display_name,
    role: row.role as Role,
    unitCode: row.unit_code,
    sector: row.sector as Sector | null,
    status: row.status === 'disabled' ? 'disabled' : 'active',
    lockedUntil: row.locked_until,
    lastLoginAt: row.last_login_at,
    createdAt: row.created_at,
    totpEnabled: row.totp_enabled_at !== null,
  };
}

function checkUnitAndSector(ctx: Context, role: Role, unitCode: string | null, sector: Sector | null): void {
  const problem = checkAssignment(role, unitCode, sector);
  if (problem === 'unit_required') throw new AppError('unit_required', { field: 'unitCode' });
  if (problem === 'sector_not_allowed') throw new AppError('invalid_input', { field: 'sector' });
  if (unitCode) {
    requireUnit(ctx, unitCode, 'unitCode');
    if (!isInHomeProvince(ctx, unitCode)) throw new AppError('unit_outside_installation', { field: 'unitCode' });
  }
}

export async function createUser(ctx: Context, actor: Actor, input: UserCreate, options: { mustChangePassword?: boolean } = {}): Promise<User> {
  const unitCode = input.unitCode ?? null;
  const sector = input.sector ?? null;
  checkUnitAndSector(ctx, input.role, unitCode, sector);
  if (await findUserByUsername(ctx.db, input.username)) throw new AppError('username_taken', { field: 'username' });
  const now = ctx.clock.now();
  const row: Omit<UserRow, 'failed_logins' | 'guardian_id' | 'relation' | 'birth_year' | 'totp_secret_enc' | 'totp_enabled_at' | 'totp_last_step'> = {
    id: newId(ctx),
    username: input.username,
    phone_index: null,
    phone_enc: null,
    display_name: input.displayName,
    role: input.role,
    unit_code: unitCode,
    sector,
    password_hash: await ctx.passwords.hash(input.password),
    status: 'active',
    // Someone else chose this password, so its owner is asked to replace it.
    must_change_password: options.mustChangePassword === false ? 0 : 1,
    locked_until: null,
    last_login_at: null,
    created_at: now,
    updated_at: now,
  };
  try {
    await ctx.db.transaction().execute(async (trx) => {
      await insertUser(trx, row);
      await recordAudit(ctx, actor, { action: 'user.create', subjectType: 'user', subjectId: row.id, unitCode, detail: { role: input.role } }, trx);
    });
  } catch (error) {
    // Taken since the check above, by a request on another server process (two starting at once both create admin).
    if (isUniqueViolation(error)) throw new AppError('username_taken', { field: 'username' });
    throw error;
  }
  return toUser({ ...row, failed_logins: 0, guardian_id: null, relation: null, birth_year: null, totp_secret_enc: null, totp_enabled_at: null, totp_last_step: null });
}

export async function updateUser(ctx: Context, actor: Actor, id: string, input: UserUpdate): Promise<User> {
  const existing = await findUserById(ctx.db, id);
  if (!existing?.username) throw new AppError('user_not_found');
  const role = input.role ?? (existing.role as Role);
  const unitCode = input.unitCode !== undefined ? input.unitCode : existing.unit_code;
  const sector = input.sector !== undefined ? input.sector : (existing.sector as Sector | null);
  checkUnitAndSector(ctx, role, unitCode, sector);
  if (existing.id === actor.userId && (input.status === 'disabled' || (input.role && input.role !== 'admin'))) {
    // An administrator cannot lock themselves out by accident.
    throw new AppError('forbidden');
  }
  const changes: Partial<UserRow> = { role, unit_code: unitCode, sector, updated_at: ctx.clock.now() };
  if (input.displayName) changes.display_name = input.displayName;
  if (input.status) changes.status = input.status;
  if (input.password) {
    changes.password_hash = await ctx.passwords.hash(input.password);
    changes.must_change_password = 1;
    changes.failed_logins = 0;
    changes.locked_until = null;
  }
  if (input.resetTwoStep) {
    // Signed out everywhere: whoever held a session opened with the lost phone loses it too.
    changes.totp_secret_enc = null;
    changes.totp_enabled_at = null;
    changes.totp_last_step = null;
  }
  const signOut = input.status === 'disabled' || input.password !== undefined || input.role !== undefined || input.unitCode !== undefined || input.resetTwoStep === true;
  await ctx.db.transaction().execute(async (trx) => {
    await updateUserRow(trx, id, changes);
    if (signOut) await deleteSessionsOfUser(trx, id);
    const fields = Object.keys(input).filter((k) => k !== 'password');
    if (input.password) fields.push('password_reset');
    await recordAudit(ctx, actor, { action: 'user.update', subjectType: 'user', subjectId: id, unitCode, detail: { fields } }, trx);
  });
  forgetSessions(ctx);
  return toUser({ ...existing, ...changes } as UserRow);
}

export async function listUsers(
  ctx: Context,
  filter: { q?: string | undefined; role?: Role | undefined; unit?: string | undefined; limit?: number | undefined; offset?: number | undefined },
): Promise<{ items: User[]; total: number }> {
  const { rows, total } = await listUserRows(ctx.db, {
    q: filter.q,
    role: filter.role,
    unitCodes: filter.unit ? [filter.unit] : undefined,
    limit: filter.limit ?? 100,
    offset: filter.offset ?? 0,
  });
  return { items: rows.map(toUser), total };
}

/**
 * On a fresh installation: creates the administrator "admin" with a random password, prints it once
 * and leaves it in DATA_DIR/initial-admin.txt (readable by the owner only).
 */
export async function ensureInitialAdmin(ctx: Context, print: (text: string) => void): Promise<void> {
  if ((await countAdmins(ctx.db)) > 0) return;
  const password = readablePassword((max) => ctx.rng.int(max));
  try {
    await createUser(ctx, SYSTEM_ACTOR, { username: 'admin', password, displayName: 'Quản trị viên', role: 'admin' }, { mustChangePassword: false });
  } catch (error) {
    // Another server process sharing the database created it first.
    if (error instanceof AppError && error.code === 'username_taken') return;
    throw error;
  }
  const file = path.join(ctx.config.dataDir, 'initial-admin.txt');
  fs.mkdirSync(ctx.config.dataDir, { recursive: true });
  fs.writeFileSync(file, `username: admin\npassword: ${password}\nurl: ${ctx.config.baseUrl}/login\n`, { mode: 0o600 });
  fs.chmodSync(file, 0o600);
  print(
    [
      '',
      '  First administrator created. Sign in at ' + `${ctx.config.baseUrl}/login`,
      '    username: admin',
      `    password: ${password}`,
      `  (also saved in ${file}; delete that file after your first sign-in)`,
      '',
    ].join('\n'),
  );
}
