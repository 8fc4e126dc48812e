import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from '../config/config.js';
import { freePort, killServer, startServer, waitReady, type ServerProcess } from '../testing/server-process.js';
import { JOBS, jobsToRun } from './runner.js';

describe('JOBS: which background jobs a process runs', () => {
  it('reads all, none, or a list of names; a name that is not a job is a configuration error', () => {
    expect(jobsToRun(loadConfig({}).jobs)).toHaveLength(JOBS.length);
    expect(jobsToRun(loadConfig({ JOBS: 'none' }).jobs)).toEqual([]);
    expect(jobsToRun(loadConfig({ JOBS: ' outbox.deliver , reports.rollup,outbox.deliver' }).jobs).map((j) => j.name)).toEqual(['outbox.deliver', 'reports.rollup']);
    expect(() => jobsToRun(loadConfig({ JOBS: 'outbox.deliver,outbox.sned' }).jobs)).toThrow(ConfigError);
    expect(() => jobsToRun(loadConfig({ JOBS: 'outbox.sned' }).jobs)).toThrow(/JOBS: "outbox.sned" is not a background job; .*outbox\.deliver/);
  });

  describe('in a real server process', () => {
    const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'pd-jobs-'));
    let server: ServerProcess | undefined;
    afterAll(async () => {
      if (server) await killServer(server);
      fs.rmSync(dataDir, { recursive: true, force: true });
    });

    const leases = () => {
      const db = new Database(path.join(dataDir, 'phongdich.sqlite'), { readonly: true });
      try {
        return (db.prepare('select name from job_leases order by name').all() as Array<{ name: string }>).map((r) => r.name);
      } finally {
        db.close();
      }
    };
    const run = async (jobs: string) => {
      server = startServer({ dataDir, port: await freePort(), env: { JOBS: jobs, JOB_INTERVAL_PERCENT: '1' } });
      await waitReady(server);
      // At 1 % the one-minute roll-up runs every 0.6 s and the message sender every 20 ms.
      await new Promise((r) => setTimeout(r, 1500));
      const taken = leases();
      const said = server.stdout.find((line) => line.includes('Background jobs:'));
      await killServer(server);
      server = undefined;
      return { taken, said };
    };

    it('takes no lease with JOBS=none, only the named ones otherwise, and says which at start', async () => {
      expect(await run('none')).toEqual({ taken: [], said: '  Background jobs: none (JOBS=none)' });
      expect(await run('reports.rollup,outbox.deliver')).toEqual({ taken: ['outbox.deliver', 'reports.rollup'], said: '  Background jobs: outbox.deliver, reports.rollup' });
    });

    it('refuses to start with a job name it does not know', async () => {
      server = startServer({ dataDir, port: await freePort(), env: { JOBS: 'outbox.deliver,visits.autocheckout' } });
      await server.exited;
      expect(server.child.exitCode).toBe(1);
      expect(server.stderr.join('\n')).toContain('JOBS: "visits.autocheckout" is not a background job');
      server = undefined;
    });
  });
});
