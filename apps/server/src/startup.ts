import type { Context } from './context.js';
import { migrateToLatest } from './db/migrate.js';
import { ensureInitialAdmin } from './modules/accounts/index.js';
import { initUnits } from './modules/units/index.js';

/** Everything a database needs before serving: schema, reference data, a first administrator. */
export async function prepareInstallation(ctx: Context, print: (text: string) => void): Promise<void> {
  const applied = await migrateToLatest(ctx.db);
  if (applied.length) ctx.logger.info({ migrations: applied }, 'database migrated');
  await initUnits(ctx);
  await ensureInitialAdmin(ctx, print);
}
