import { spawn, type ChildProcess } from 'node:child_process';
import crypto from 'node:crypto';
import fs from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import pg from 'pg';

/**
 * Real server processes for the tests that kill or multiply them (crash durability, scale-out):
 * `node --import tsx apps/server/src/main.ts`, exactly as `npm start` runs it after the build.
 */
export const REPO_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../../..');

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer().listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => (typeof address === 'object' && address ? resolve(address.port) : reject(new Error('no port'))));
    });
  });
}

export interface ServerProcess {
  base: string;
  child: ChildProcess;
  /** Every line the process wrote to stdout (pino writes one JSON object a line). */
  stdout: string[];
  stderr: string[];
  /** Settles when the process has exited, however it ended, and its output is read. */
  exited: Promise<void>;
}

export interface ServerOptions {
  dataDir: string;
  port: number;
  /** Added to (and overriding) the settings every test server gets. */
  env?: Record<string, string>;
}

function collectLines(stream: NodeJS.ReadableStream | null, into: string[]): void {
  let rest = '';
  stream?.setEncoding('utf8');
  stream?.on('data', (chunk: string) => {
    const parts = (rest + chunk).split('\n');
    rest = parts.pop() ?? '';
    into.push(...parts);
  });
}

/** Starts a server; its output is kept, so a test can read its logs and a failed start can say why. */
export function startServer(options: ServerOptions): ServerProcess {
  const child = spawn(process.execPath, ['--import', 'tsx', 'apps/server/src/main.ts'], {
    cwd: REPO_ROOT,
    env: {
      PATH: process.env.PATH,
      DATA_DIR: options.dataDir,
      PORT: String(options.port),
      HOST: '127.0.0.1',
      LOG_LEVEL: 'warn',
      ARGON2_MEMORY_KIB: '4096',
      RATE_LIMIT_PER_MINUTE: '1000000',
      LOGIN_RATE_LIMIT_PER_MINUTE: '100000',
      ...options.env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const stdout: string[] = [];
  const stderr: string[] = [];
  collectLines(child.stdout, stdout);
  collectLines(child.stderr, stderr);
  // 'close', not 'exit': by then everything the process wrote has been read.
  const exited = new Promise<void>((resolve) => child.once('close', () => resolve()));
  return { base: `http://127.0.0.1:${options.port}`, child, stdout, stderr, exited };
}

/** Waits until the server answers /readyz; fails at once (with its error output) if it exits first. */
export async function waitReady(server: ServerProcess, timeoutMs = 60_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (server.child.exitCode !== null || server.child.signalCode !== null) {
      throw new Error(`server exited before it was ready:\n${server.stderr.slice(-20).join('\n')}`);
    }
    try {
      if ((await fetch(`${server.base}/readyz`)).ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`server not ready after ${timeoutMs} ms:\n${server.stderr.slice(-20).join('\n')}`);
}

/** SIGKILL, as a crash or an OOM killer would: no shutdown code runs. Resolves once it is gone. */
export async function killServer(server: ServerProcess): Promise<void> {
  if (server.child.exitCode === null && server.child.signalCode === null) server.child.kill('SIGKILL');
  await server.exited;
}

/** The first administrator's password, which the server writes to DATA_DIR at its first start. */
export function initialAdminPassword(dataDir: string): string {
  const password = /password: (\S+)/.exec(fs.readFileSync(path.join(dataDir, 'initial-admin.txt'), 'utf8'))?.[1];
  if (!password) throw new Error('no initial administrator password');
  return password;
}

export interface HttpSession {
  /** What a browser sends after signing in: cookie, CSRF token, JSON body type. */
  headers: Record<string, string>;
  response: Response;
}

/** Signs in over HTTP, as the web app does. */
export async function signInOverHttp(base: string, username: string, password: string): Promise<HttpSession> {
  const response = await fetch(`${base}/api/v1/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username, password }) });
  if (!response.ok) throw new Error(`sign-in failed: ${response.status} ${await response.text()}`);
  const cookie = (response.headers.get('set-cookie') ?? '').split(';')[0] ?? '';
  const { csrfToken } = (await response.json()) as { csrfToken: string };
  return { headers: { cookie, 'x-csrf-token': csrfToken, 'content-type': 'application/json' }, response };
}

/** A private PostgreSQL schema for server processes (they are pointed at it by the URL's search_path). */
export interface PrivateSchema {
  name: string;
  /** DATABASE_URL for the servers: the admin URL with `options=-c search_path=<name>`. */
  url: string;
  query<Row>(text: string): Promise<Row[]>;
  drop(): Promise<void>;
}

async function withClient<T>(url: string, use: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return await use(client);
  } finally {
    await client.end();
  }
}

/** Creates `t_<hex>` (like createTestContext); the caller must drop it, also when the test fails. */
export async function createPrivateSchema(adminUrl: string): Promise<PrivateSchema> {
  const name = `t_${crypto.randomBytes(6).toString('hex')}`;
  await withClient(adminUrl, (client) => client.query(`create schema ${name}`));
  const url = `${adminUrl}${adminUrl.includes('?') ? '&' : '?'}options=${encodeURIComponent(`-c search_path=${name}`)}`;
  return {
    name,
    url,
    query: <Row>(text: string) => withClient(url, async (client) => (await client.query(text)).rows as Row[]),
    drop: () => withClient(adminUrl, async (client) => void (await client.query(`drop schema if exists ${name} cascade`))),
  };
}
