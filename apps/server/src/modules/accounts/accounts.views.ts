import { maskTail, nationalPhone, type Me, type Role, type Sector, type SessionUser } from '@phongdich/core';
import type { Context } from '../../context.js';
import { unitTree } from '../units/index.js';
import type { UserRow } from './accounts.repository.js';
import { mustEnrolSecondFactor, secondFactorRequired } from './second-factor.js';

export function toSessionUser(ctx: Context, row: UserRow): SessionUser {
  return {
    id: row.id,
    role: row.role as Role,
    username: row.username,
    displayName: row.display_name,
    phoneMasked: row.phone_enc ? maskTail(nationalPhone(ctx.cipher.decrypt('users.phone', row.phone_enc)), 3) : null,
    unitCode: row.unit_code,
    sector: row.sector as Sector | null,
    mustChangePassword: row.must_change_password === 1,
    totpEnabled: row.totp_enabled_at !== null,
    totpRequired: secondFactorRequired(ctx, row),
    totpEnrolmentRequired: mustEnrolSecondFactor(ctx, row),
  };
}

export function toMe(ctx: Context, row: UserRow, csrfToken: string): Me {
  const tree = unitTree(ctx);
  const unit = row.unit_code ? tree.get(row.unit_code) : undefined;
  return {
    user: toSessionUser(ctx, row),
    csrfToken,
    scopeUnit: unit ? { ...unit, ancestors: tree.ancestors(unit.code) } : null,
    homeUnitCode: ctx.config.homeUnit,
  };
}
