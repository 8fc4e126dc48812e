import { pino, type Logger } from 'pino';
import type { Kysely } from 'kysely';
import { uuidv7 } from '@phongdich/core';
import type { Config } from './config/config.js';
import { openDatabase, type DatabaseHandle, type Dialect } from './db/database.js';
import type { Database } from './db/schema.js';
import { FieldCipher } from './crypto/field-cipher.js';
import { keyringFileWatcher, loadKeyring, type Keyring } from './crypto/keyring.js';
import { PasswordHasher } from './crypto/passwords.js';
import { cryptoRng, systemClock, type Clock, type Rng } from './clock.js';

/** The one object carrying what every use case needs; built once per process (or per test). */
export interface Context {
  config: Readonly<Config>;
  db: Kysely<Database>;
  dialect: Dialect;
  /** The raw SQLite connection (null on PostgreSQL); only the scan writer uses it. */
  sqlite: DatabaseHandle['sqlite'];
  clock: Clock;
  rng: Rng;
  keyring: Keyring;
  cipher: FieldCipher;
  passwords: PasswordHasher;
  logger: Logger;
  /** The security channel (refused access, rejected input, sign-ins, key and account changes); see securityLog(). */
  securityLogger?: Logger;
  close(): Promise<void>;
}

export interface ContextOptions {
  clock?: Clock;
  rng?: Rng;
  logger?: Logger;
  keyring?: Keyring;
  /** PostgreSQL schema to use (tests isolate themselves this way). */
  pgSchema?: string;
}

// Never log personal data: these paths are removed from every log line.
const REDACT = ['req.headers.cookie', 'req.headers.authorization', 'req.headers["x-csrf-token"]', 'res.headers["set-cookie"]'];

export function createLogger(level: string): Logger {
  return pino({ level, redact: { paths: REDACT, remove: true } });
}

/**
 * The security log: to its own file when SECURITY_LOG_FILE is set (so it can be kept longer and read
 * by other people than the application log), otherwise the main log with `channel: "security"`.
 */
export function createSecurityLogger(config: Pick<Config, 'securityLogFile' | 'logLevel'>, main: Logger): Logger {
  if (!config.securityLogFile) return main.child({ channel: 'security' });
  const destination = pino.destination({ dest: config.securityLogFile, append: true, mkdir: true, sync: true });
  return pino({ level: config.logLevel === 'silent' ? 'silent' : 'info', base: { channel: 'security' }, redact: { paths: REDACT, remove: true } }, destination);
}

export function createContext(config: Readonly<Config>, options: ContextOptions = {}): Context {
  const handle = openDatabase(config.database, { schema: options.pgSchema });
  const fromFile = !options.keyring && !config.keyringFromEnv;
  const keyring = options.keyring ?? loadKeyring({ fromEnv: config.keyringFromEnv, dataDir: config.dataDir });
  const logger = options.logger ?? createLogger(config.logLevel);
  return {
    config,
    db: handle.db,
    dialect: handle.dialect,
    sqlite: handle.sqlite,
    clock: options.clock ?? systemClock,
    rng: options.rng ?? cryptoRng,
    keyring,
    // A keyring kept in DATA_DIR/keys is watched, so `phongdich keys rotate` reaches this process.
    cipher: new FieldCipher(keyring, fromFile ? { reload: keyringFileWatcher(config.dataDir) } : {}),
    passwords: new PasswordHasher(config.argon2MemoryKib),
    logger,
    securityLogger: createSecurityLogger(config, logger),
    close: handle.close,
  };
}

let lastIdMs = -1;
let idSequence = 0;

/**
 * A new time-ordered id (UUIDv7) from the context's clock and randomness. Within one millisecond
 * the 12-bit rand_a field counts up (RFC 9562 §6.2, method 1), so ids made in one transaction
 * (a place's QR points, say) sort in the order they were made.
 */
export function newId(ctx: Pick<Context, 'clock' | 'rng'>): string {
  const now = ctx.clock.now();
  const random = ctx.rng.bytes(10);
  if (now === lastIdMs && idSequence < 0xfff) idSequence += 1;
  else idSequence = ((random[0] ?? 0) << 2) & 0x3ff;
  lastIdMs = now;
  random[0] = (idSequence >> 8) & 0x0f;
  random[1] = idSequence & 0xff;
  return uuidv7(now, random);
}

/** The log channel for rejected input and denied access: reasons only, never the input itself. */
export function securityLog(ctx: Pick<Context, 'logger' | 'securityLogger'>): Logger {
  return ctx.securityLogger ?? ctx.logger.child({ channel: 'security' });
}
