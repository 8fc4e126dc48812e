import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { pino } from 'pino';
import type { FastifyInstance } from 'fastify';
import { loadConfig, type Config } from '../config/config.js';
import { createContext, type Context } from '../context.js';
import { newKeyringFile, parseKeyring } from '../crypto/keyring.js';
import { migrateToLatest } from '../db/migrate.js';
import { initUnits } from '../modules/units/index.js';
import { buildApp } from '../app.js';
import { manualClock, seededRng, type ManualClock } from '../clock.js';
import { SYSTEM_ACTOR } from '../actor.js';
import { createUser } from '../modules/accounts/index.js';
import type { Role, Sector } from '@phongdich/core';

export type TestDialect = 'sqlite' | 'postgres';

/** SQLite always; PostgreSQL too when TEST_DATABASE_URL is set (CI sets it). */
export const TEST_DIALECTS: TestDialect[] = process.env.TEST_DATABASE_URL ? ['sqlite', 'postgres'] : ['sqlite'];

export interface TestContext extends Context {
  clock: ManualClock;
  cleanup(): Promise<void>;
}

export const TEST_START = Date.UTC(2026, 10, 1, 1, 0, 0);

/**
 * A migrated database with units loaded, on the given dialect. PostgreSQL tests each get their
 * own schema, so test files run in parallel against one database.
 */
export async function createTestContext(dialect: TestDialect, env: Record<string, string> = {}): Promise<TestContext> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'phongdich-test-'));
  let schema: string | undefined;
  let databaseUrl = 'sqlite::memory:';
  if (dialect === 'postgres') {
    databaseUrl = process.env.TEST_DATABASE_URL as string;
    schema = `t_${crypto.randomBytes(6).toString('hex')}`;
    await adminQuery(databaseUrl, `create schema ${schema}`);
  }
  const config: Readonly<Config> = loadConfig({
    DATA_DIR: dataDir,
    DATABASE_URL: databaseUrl,
    ARGON2_MEMORY_KIB: '1024',
    LOG_LEVEL: 'silent',
    RATE_LIMIT_PER_MINUTE: '100000',
    LOGIN_RATE_LIMIT_PER_MINUTE: '100000',
    ...env,
  });
  const clock = manualClock(TEST_START);
  const ctx = createContext(config, {
    clock,
    rng: seededRng(crypto.randomInt(1_000_000)),
    logger: pino({ level: 'silent' }),
    keyring: parseKeyring(JSON.stringify(newKeyringFile())),
    ...(schema ? { pgSchema: schema } : {}),
  });
  await migrateToLatest(ctx.db, schema);
  await initUnits(ctx);
  // Same object, not a copy: per-context caches (the unit tree) are keyed by identity.
  return Object.assign(ctx, {
    clock,
    async cleanup() {
      await ctx.close();
      if (schema) await adminQuery(databaseUrl, `drop schema ${schema} cascade`);
      fs.rmSync(dataDir, { recursive: true, force: true });
    },
  });
}

async function adminQuery(url: string, text: string): Promise<void> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    await client.query(text);
  } finally {
    await client.end();
  }
}

export async function createTestApp(ctx: Context): Promise<FastifyInstance> {
  const app = await buildApp(ctx, { serveWebApp: false });
  await app.ready();
  return app;
}

export interface TestAccount {
  id: string;
  username: string;
  password: string;
}

export async function createTestAccount(
  ctx: Context,
  role: Role,
  options: { unitCode?: string; sector?: Sector; username?: string } = {},
): Promise<TestAccount> {
  const username = options.username ?? `${role.replace('_', '')}${crypto.randomBytes(3).toString('hex')}`;
  const password = 'correct horse 42';
  const user = await createUser(
    ctx,
    SYSTEM_ACTOR,
    { username, password, displayName: `Test ${role}`, role: role as 'admin', unitCode: options.unitCode ?? null, sector: options.sector ?? null },
    { mustChangePassword: false },
  );
  return { id: user.id, username, password };
}

export interface SignedIn {
  cookie: string;
  csrf: string;
  headers: Record<string, string>;
}

/** Signs in through the API, returning the headers a browser would send afterwards. */
export async function signIn(app: FastifyInstance, account: { username: string; password: string }): Promise<SignedIn> {
  const response = await app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { username: account.username, password: account.password } });
  if (response.statusCode !== 200) throw new Error(`sign-in failed: ${response.statusCode} ${response.body}`);
  const cookie = response.cookies.find((c) => c.name === 'pd_session');
  if (!cookie) throw new Error('no session cookie');
  const csrf = (response.json() as { csrfToken: string }).csrfToken;
  const header = `pd_session=${cookie.value}`;
  return { cookie: header, csrf, headers: { cookie: header, 'x-csrf-token': csrf } };
}

/** Signs a citizen in by phone and one-time code (read from the outbox, as the SMS would carry it). */
export async function signInCitizen(app: FastifyInstance, ctx: Context & { clock: ManualClock }, phone: string): Promise<SignedIn & { userId: string }> {
  ctx.clock.advance(1000);
  const request = await app.inject({ method: 'POST', url: '/api/v1/auth/otp/request', payload: { phone } });
  if (request.statusCode !== 200) throw new Error(`code request failed: ${request.body}`);
  const latest = await ctx.db.selectFrom('outbox').selectAll().where('template', '=', 'sign_in_code').orderBy('created_at', 'desc').orderBy('id', 'desc').executeTakeFirstOrThrow();
  const code = /(\d{6})/.exec(ctx.cipher.decrypt('outbox.body', latest.body_enc))?.[1];
  const response = await app.inject({ method: 'POST', url: '/api/v1/auth/otp/verify', payload: { phone, code } });
  if (response.statusCode !== 200) throw new Error(`sign-in failed: ${response.body}`);
  const cookie = response.cookies.find((c) => c.name === 'pd_session');
  const me = response.json() as { csrfToken: string; user: { id: string } };
  const header = `pd_session=${cookie?.value}`;
  return { cookie: header, csrf: me.csrfToken, headers: { cookie: header, 'x-csrf-token': me.csrfToken }, userId: me.user.id };
}
