import { Command, Option } from 'commander';
import { ROLES, SECTORS, parseWithKeys, describeIssues, userCreateSchema } from '@phongdich/core';
import { loadConfig } from '../config/config.js';
import { readEnvironment } from '../config/env.js';
import { createContext, type Context } from '../context.js';
import { migrateToLatest } from '../db/migrate.js';
import { SYSTEM_ACTOR } from '../actor.js';
import { AppError } from '../http/errors.js';
import { createUser } from '../modules/accounts/index.js';
import { initUnits, listUnits } from '../modules/units/index.js';
import { addExposureCommands } from './exposure.js';
import { addKeyCommands } from './keys.js';

type Out = (line: string) => void;

async function withContext<T>(run: (ctx: Context) => Promise<T>): Promise<T> {
  const config = loadConfig(readEnvironment());
  const ctx = createContext({ ...config, logLevel: 'warn' });
  try {
    await migrateToLatest(ctx.db);
    await initUnits(ctx);
    return await run(ctx);
  } finally {
    await ctx.close();
  }
}

/** The operator CLI: `phongdich <command>`. Commands print results to stdout and problems to stderr. */
export function buildCli(out: Out = (l) => process.stdout.write(`${l}\n`)): Command {
  const program = new Command('phongdich').description('PhongDich operator commands').showHelpAfterError();

  program
    .command('serve')
    .description('start the platform (same as npm start without the build)')
    .action(async () => {
      const { serve } = await import('../main.js');
      await serve();
    });

  program
    .command('migrate')
    .description('bring the database schema up to date and load the administrative units')
    .action(() => withContext(async () => out('database is up to date')));

  const admin = program.command('admin').description('manage accounts');
  admin
    .command('create')
    .description('create an account with a username and password')
    .requiredOption('--username <username>')
    .requiredOption('--password <password>')
    .addOption(new Option('--role <role>').choices(ROLES.filter((r) => r !== 'citizen')).makeOptionMandatory())
    .option('--unit <code>', 'administrative unit (required for officials)')
    .addOption(new Option('--sector <sector>').choices(SECTORS))
    .option('--name <displayName>', 'display name')
    .action(async (opts: { username: string; password: string; role: string; unit?: string; sector?: string; name?: string }) => {
      const parsed = parseWithKeys(userCreateSchema, {
        username: opts.username,
        password: opts.password,
        role: opts.role,
        displayName: opts.name ?? opts.username,
        unitCode: opts.unit ?? null,
        sector: opts.sector ?? null,
      });
      if (!parsed.success) {
        const problems = describeIssues(parsed.error.issues, 'en').map((p) => `${p.field}: ${p.message}`);
        throw new Error(problems.join('\n'));
      }
      const user = await withContext((ctx) => createUser(ctx, SYSTEM_ACTOR, parsed.data, { mustChangePassword: false }));
      out(`created ${user.role} ${user.username} (${user.id})${user.unitCode ? ` in unit ${user.unitCode}` : ''}`);
    });

  const units = program.command('units').description('administrative units');
  units
    .command('list')
    .description('list units, one per line, code first: children of --parent, provinces without it, or a search')
    .option('--parent <code>')
    .option('--q <text>', 'search by name, with or without diacritics')
    .action(async (opts: { parent?: string; q?: string }) => {
      const list = await withContext(async (ctx) => listUnits(ctx, { parent: opts.parent, q: opts.q, limit: opts.q ? 50 : undefined }));
      for (const unit of list) out(`${unit.code}\t${unit.name}\t${unit.tier}`);
    });

  addExposureCommands(program, out, withContext);
  addKeyCommands(program, out, withContext);

  return program;
}

/** Runs the CLI and returns the exit code, printing errors the way an operator can act on them. */
export async function runCli(argv: string[], out?: Out, err: Out = (l) => process.stderr.write(`${l}\n`)): Promise<number> {
  const program = buildCli(out).exitOverride();
  try {
    await program.parseAsync(argv, { from: 'user' });
    return 0;
  } catch (error) {
    if (error instanceof AppError) err(`error: ${error.code}${error.field ? ` (${error.field})` : ''}`);
    else if (error instanceof Error && 'exitCode' in error) return Number((error as { exitCode: number }).exitCode);
    else err(`error: ${error instanceof Error ? error.message : String(error)}`);
    return 1;
  }
}
