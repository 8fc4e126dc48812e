import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { FastifyInstance } from 'fastify';
import pg from 'pg';
import { buildApp } from '../../../apps/server/src/app.js';
import { SYSTEM_ACTOR } from '../../../apps/server/src/actor.js';
import { seededRng } from '../../../apps/server/src/clock.js';
import { loadConfig } from '../../../apps/server/src/config/config.js';
import { createContext, type Context } from '../../../apps/server/src/context.js';
import { newKeyringFile, parseKeyring } from '../../../apps/server/src/crypto/keyring.js';
import { migrateToLatest } from '../../../apps/server/src/db/migrate.js';
import { createUser } from '../../../apps/server/src/modules/accounts/index.js';
import { initUnits } from '../../../apps/server/src/modules/units/index.js';

export interface BenchEnvironment {
  ctx: Context;
  app: FastifyInstance;
  dataDir: string;
  /** The keyring as the KEYRING variable, so a server process started on this data reads it. */
  keyringEnv: string;
  close(): Promise<void>;
}

/** A fresh installation on a real SQLite file (or PostgreSQL schema), as the server would run it. */
export async function benchEnvironment(env: Record<string, string> = {}, options: { keepDataDir?: boolean } = {}): Promise<BenchEnvironment> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'pd-bench-'));
  const config = loadConfig({ DATA_DIR: dataDir, LOG_LEVEL: 'silent', ARGON2_MEMORY_KIB: '4096', RATE_LIMIT_PER_MINUTE: '10000000', ...env });
  const keyringJson = JSON.stringify(newKeyringFile());
  const ctx = createContext(config, { rng: seededRng(42), keyring: parseKeyring(keyringJson) });
  await migrateToLatest(ctx.db);
  await initUnits(ctx);
  const app = await buildApp(ctx, { serveWebApp: false });
  await app.ready();
  return {
    ctx,
    app,
    dataDir,
    keyringEnv: Buffer.from(keyringJson).toString('base64'),
    async close() {
      await app.close();
      await ctx.close();
      if (!options.keepDataDir) fs.rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

/** Creates an account and signs it in, returning the headers of its requests. */
export async function benchSession(env: BenchEnvironment, role: 'official' | 'admin', unitCode: string | null): Promise<Record<string, string>> {
  const username = `bench.${role}.${unitCode ?? 'all'}`;
  const password = 'bench password 1';
  await createUser(env.ctx, SYSTEM_ACTOR, { username, password, displayName: username, role, unitCode }, { mustChangePassword: false });
  const response = await env.app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { username, password } });
  const cookie = response.cookies.find((c) => c.name === 'pd_session');
  return { cookie: `pd_session=${cookie?.value}`, 'x-csrf-token': (response.json() as { csrfToken: string }).csrfToken };
}

/** An empty PostgreSQL database for one benchmark, returned as its URL. */
export async function freshPostgres(url: string): Promise<string> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  await client.query('drop database if exists phongdich_bench with (force)');
  await client.query('create database phongdich_bench');
  await client.end();
  const target = new URL(url);
  target.pathname = '/phongdich_bench';
  return target.toString();
}

/** The PostgreSQL server benchmarks may use, if any. */
export function benchPostgresUrl(): string | undefined {
  return process.env.BENCH_DATABASE_URL ?? process.env.TEST_DATABASE_URL;
}
