import type { Kysely, Transaction } from 'kysely';
import type { Context } from '../../context.js';
import { perContext, TtlCache } from '../../cache.js';
import type { Database } from '../../db/schema.js';
import { sha256Hex } from '../../crypto/tokens.js';
import {
  deleteExpiredSessions,
  deleteOtpsBefore,
  deleteSession,
  findSession,
  findUserById,
  insertSession,
  touchSession,
  type SessionRow,
  type UserRow,
} from './accounts.repository.js';

export interface ResolvedSession {
  sessionId: string;
  csrfToken: string;
  user: UserRow;
}

export interface IssuedSession {
  token: string;
  csrfToken: string;
  maxAgeMs: number;
}

// Writing last_seen on every request would turn reads into writes; once a minute is precise enough.
const TOUCH_EVERY_MS = 60_000;

// Every request of a signed-in user starts with this lookup; a short-lived cache keeps it off the
// database. Sign-outs, password changes and account changes here forget it at once; other server
// processes see them within SESSION_CACHE_SECONDS (15 by default).
const cacheOf = perContext((ctx: Context) => new TtlCache<string, { session: SessionRow; user: UserRow }>(ctx.config.sessionCacheMs, 100_000, () => ctx.clock.now()));

/** Forgets cached sessions after accounts change (sign-out elsewhere, disabled, role or password changed). */
export function forgetSessions(ctx: Context): void {
  cacheOf(ctx).clear();
}

export async function issueSession(
  ctx: Context,
  userId: string,
  idleMs: number,
  db: Kysely<Database> | Transaction<Database> = ctx.db,
): Promise<IssuedSession> {
  const token = Buffer.from(ctx.rng.bytes(32)).toString('base64url');
  const csrfToken = Buffer.from(ctx.rng.bytes(24)).toString('base64url');
  const now = ctx.clock.now();
  await insertSession(db, {
    id: sha256Hex(token),
    user_id: userId,
    csrf_token: csrfToken,
    created_at: now,
    last_seen_at: now,
    expires_at: now + idleMs,
    idle_ms: idleMs,
  });
  return { token, csrfToken, maxAgeMs: idleMs };
}

/** The session behind a cookie token, if it exists, has not expired and its account is active. */
export async function resolveSession(ctx: Context, token: string): Promise<ResolvedSession | null> {
  if (token.length > 100) return null;
  const id = sha256Hex(token);
  const now = ctx.clock.now();
  let found = cacheOf(ctx).get(id);
  if (!found) {
    const session = await findSession(ctx.db, id);
    const user = session ? await findUserById(ctx.db, session.user_id) : undefined;
    if (!session || !user) return null;
    found = { session, user };
    // 0 means no cache: every request reads the session, so a sign-out anywhere counts at once.
    if (ctx.config.sessionCacheMs > 0) cacheOf(ctx).set(id, found);
  }
  const { session, user } = found;
  if (session.expires_at <= now || user.status !== 'active') return null;
  if (now - session.last_seen_at > TOUCH_EVERY_MS) {
    await touchSession(ctx.db, id, now, now + session.idle_ms);
    found.session = { ...session, last_seen_at: now, expires_at: now + session.idle_ms };
  }
  return { sessionId: id, csrfToken: session.csrf_token, user };
}

export async function endSession(ctx: Context, sessionId: string): Promise<void> {
  await deleteSession(ctx.db, sessionId);
  cacheOf(ctx).delete(sessionId);
}

export async function purgeExpiredSessions(ctx: Context): Promise<number> {
  const now = ctx.clock.now();
  await deleteOtpsBefore(ctx.db, now - 86_400_000);
  return deleteExpiredSessions(ctx.db, now);
}
