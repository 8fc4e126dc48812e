import { fileURLToPath } from 'node:url';
import { buildApp } from './app.js';
import { ConfigError, loadConfig } from './config/config.js';
import { readEnvironment } from './config/env.js';
import { createContext } from './context.js';
import { jobsToRun, startJobs } from './jobs/runner.js';
import { prepareInstallation } from './startup.js';

/** Starts the whole platform: migrations, reference data, jobs, HTTP. The only place that listens. */
export async function serve(): Promise<void> {
  let config;
  let jobList;
  try {
    config = loadConfig(readEnvironment());
    jobList = jobsToRun(config.jobs);
  } catch (error) {
    if (error instanceof ConfigError) {
      process.stderr.write(`${error.message}\n`);
      process.exit(1);
    }
    throw error;
  }
  const ctx = createContext(config);
  for (const warning of config.warnings) ctx.logger.warn({ insecure: true }, warning);
  await prepareInstallation(ctx, (text) => process.stdout.write(`${text}\n`));
  const app = await buildApp(ctx);
  const jobs = startJobs(ctx, jobList);
  await app.listen({ port: config.port, host: config.host });
  process.stdout.write(
    `\n  PhongDich is running at ${config.baseUrl}\n  Database: ${config.database.kind}; units: ${config.unitsDataset}, home province ${config.homeUnit}\n` +
      `  API documentation: ${config.baseUrl}/docs\n` +
      `  Background jobs: ${config.jobs === 'all' ? 'all' : jobList.map((j) => j.name).join(', ') || 'none (JOBS=none)'}\n\n`,
  );

  let stopping = false;
  const stop = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    ctx.logger.info({ signal }, 'shutting down');
    await app.close();
    await jobs.stop();
    await ctx.close();
    process.exit(0);
  };
  process.on('SIGTERM', () => void stop('SIGTERM'));
  process.on('SIGINT', () => void stop('SIGINT'));
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  serve().catch((error: unknown) => {
    process.stderr.write(`PhongDich failed to start: ${error instanceof Error ? error.message : String(error)}\n`);
    process.exit(1);
  });
}
