import type { Command } from 'commander';
import { loadConfig } from '../config/config.js';
import { readEnvironment } from '../config/env.js';
import type { Context } from '../context.js';
import { keyringFileFromEnv, readKeyringFile, withNewFieldKey, writeKeyringFile, type KeyringFile } from '../crypto/keyring.js';
import { keyUsage, reencryptAll, type ColumnResult } from '../crypto/rotation.js';

type Out = (line: string) => void;
type WithContext = <T>(run: (ctx: Context) => Promise<T>) => Promise<T>;

const ENV_KEYRING = 'KEYRING is set: this installation keeps its keys in the environment. Run `phongdich keys add`, put the printed KEYRING on every server (restart them), then run `phongdich keys reencrypt`.';

function positive(value: string, name: string): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n < 0) throw new Error(`${name} must be a whole number`);
  return n;
}

function summary(out: Out, results: ColumnResult[]): number {
  let unreadable = 0;
  for (const r of results) {
    unreadable += r.unreadable;
    if (r.resealed || r.sealedLegacy || r.unreadable) out(`${r.table}.${r.column}\t${r.resealed} re-sealed\t${r.sealedLegacy} sealed from clear\t${r.unreadable} unreadable`);
  }
  return unreadable;
}

async function reencrypt(ctx: Context, out: Out, opts: { batch: string; pause: string }): Promise<void> {
  const target = ctx.cipher.currentKeyId;
  out(`re-encrypting every encrypted column under key ${target} (${opts.batch} rows a batch)`);
  const results = await reencryptAll(ctx.db, ctx.cipher, { batchSize: positive(opts.batch, '--batch') || 500, pauseMs: positive(opts.pause, '--pause-ms'), onProgress: out });
  const unreadable = summary(out, results);
  const left = (await keyUsage(ctx.db, ctx.dialect)).flatMap((u) => Object.entries(u.byKey).filter(([key, n]) => key !== target && n > 0).map(([key, n]) => `${u.table}.${u.column}: ${n} under ${key}`));
  if (left.length) {
    out(`still under other keys (a server still writing with an old keyring, or values no key opens):\n  ${left.join('\n  ')}`);
    throw new Error('re-encryption incomplete');
  }
  if (unreadable) throw new Error(`${unreadable} values could not be opened`);
  out(`done: every encrypted value is under ${target}; older keys stay in the keyring until \`phongdich keys retire <id>\``);
}

/**
 * `phongdich keys …`: field-key rotation without downtime. `rotate` adds a key to DATA_DIR/keys, waits
 * for running servers to see it (they re-read the keyring file within seconds), then re-seals every
 * encrypted column in batches. The index key (lookups by phone and ID number) and the signing key
 * are not rotated by these commands (docs/security.md says why and how).
 */
export function addKeyCommands(program: Command, out: Out, withContext: WithContext): void {
  const keys = program.command('keys').description('encryption keys of personal data: status, rotation, re-encryption');

  keys
    .command('status')
    .description('the field keys, and how many values each one seals per encrypted column')
    .action(() =>
      withContext(async (ctx) => {
        out(`current field key: ${ctx.cipher.currentKeyId}; known: ${ctx.cipher.knownKeyIds().join(', ')}`);
        for (const u of await keyUsage(ctx.db, ctx.dialect)) {
          const counts = Object.entries(u.byKey).map(([key, n]) => `${key}=${n}`);
          if (counts.length) out(`${u.table}.${u.column}\t${counts.join(' ')}`);
        }
      }),
    );

  keys
    .command('add')
    .description('add a new field key and make it current (DATA_DIR/keys), or print the new KEYRING when keys come from the environment')
    .action(() => {
      const config = loadConfig(readEnvironment());
      if (config.keyringFromEnv) {
        const next = withNewFieldKey(keyringFileFromEnv(config.keyringFromEnv));
        out(`new field key ${next.currentFieldKey}. Set this KEYRING on every server, restart them, then run \`phongdich keys reencrypt\`:`);
        out(Buffer.from(JSON.stringify(next)).toString('base64'));
        return;
      }
      const next = withNewFieldKey(readKeyringFile(config.dataDir));
      writeKeyringFile(config.dataDir, next);
      out(`added field key ${next.currentFieldKey} to ${config.dataDir}/keys/keyring.json`);
    });

  keys
    .command('rotate')
    .description('add a new field key, let running servers pick it up, then re-encrypt every encrypted column in batches')
    .option('--settle-seconds <n>', 'how long running servers get to see the new key before re-encryption starts', '12')
    .option('--batch <n>', 'rows per batch', '500')
    .option('--pause-ms <n>', 'pause between batches', '0')
    .action(async (opts: { settleSeconds: string; batch: string; pauseMs: string }) => {
      const config = loadConfig(readEnvironment());
      if (config.keyringFromEnv) throw new Error(ENV_KEYRING);
      const next = withNewFieldKey(readKeyringFile(config.dataDir));
      writeKeyringFile(config.dataDir, next);
      out(`added field key ${next.currentFieldKey}; new values are sealed with it from now on`);
      await new Promise((resolve) => setTimeout(resolve, positive(opts.settleSeconds, '--settle-seconds') * 1000));
      await withContext((ctx) => reencrypt(ctx, out, { batch: opts.batch, pause: opts.pauseMs }));
    });

  keys
    .command('reencrypt')
    .description('re-encrypt every value not under the current field key (after `keys add`, or to seal values stored before a column was encrypted)')
    .option('--batch <n>', 'rows per batch', '500')
    .option('--pause-ms <n>', 'pause between batches', '0')
    .action((opts: { batch: string; pauseMs: string }) => withContext((ctx) => reencrypt(ctx, out, { batch: opts.batch, pause: opts.pauseMs })));

  keys
    .command('retire')
    .description('remove an old field key once no value uses it')
    .argument('<id>', 'key id, e.g. k1')
    .action((id: string) =>
      withContext(async (ctx) => {
        const config = loadConfig(readEnvironment());
        const file: KeyringFile = config.keyringFromEnv ? keyringFileFromEnv(config.keyringFromEnv) : readKeyringFile(config.dataDir);
        if (!file.fieldKeys.some((k) => k.id === id)) throw new Error(`no field key ${id}`);
        if (file.currentFieldKey === id) throw new Error(`${id} is the current key`);
        const used = (await keyUsage(ctx.db, ctx.dialect)).filter((u) => (u.byKey[id] ?? 0) > 0);
        if (used.length) throw new Error(`${id} still seals values in ${used.map((u) => `${u.table}.${u.column}`).join(', ')}: run \`phongdich keys reencrypt\` first`);
        const next = { ...file, fieldKeys: file.fieldKeys.filter((k) => k.id !== id) };
        if (config.keyringFromEnv) {
          out(`KEYRING without ${id} (set it on every server):`);
          out(Buffer.from(JSON.stringify(next)).toString('base64'));
        } else {
          writeKeyringFile(config.dataDir, next);
          out(`retired field key ${id}`);
        }
      }),
    );
}
