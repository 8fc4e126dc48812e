import path from 'node:path';
import type { CampaignSummary } from '@phongdich/core';
import { readEnvironment } from '../../../apps/server/src/config/env.js';
import { serve } from '../../../apps/server/src/main.js';
import { buildDemoProvince, type DemoLogin, type DemoProvince } from './demo-province.js';

// `npm run demo`: a fresh installation of the home province filled by the simulator, then the server.
// With --json it only builds: progress on stderr, the demo province (logins, campaigns…) as JSON on
// stdout, for scripts and the browser tour that then start the server themselves.

const PEOPLE = Number(process.env.DEMO_PEOPLE ?? 30_000);
const PLACES = Number(process.env.DEMO_PLACES ?? 2_000);
const JSON_ONLY = process.argv.includes('--json');

const out = (line: string) => process.stdout.write(`${line}\n`);
const progress = (line: string) => (JSON_ONLY ? process.stderr : process.stdout).write(`${line}\n`);

const STATUS: Record<CampaignSummary['status'], string> = { scheduled: 'scheduled', running: 'running', paused: 'paused', completed: 'finished', cancelled: 'cancelled' };

function when(at: number): string {
  return new Date(at).toLocaleString('vi-VN', { timeZone: 'Asia/Ho_Chi_Minh', dateStyle: 'short', timeStyle: 'short' });
}

function campaignLine(c: CampaignSummary): string {
  const figures = `${c.runsDone}/${c.runCount} runs, ${c.totals.recipients} recipients, ${c.totals.sent + c.totals.delivered} sent, ${c.totals.skippedOptOut} opted out`;
  const next = c.nextRunAt === null ? '' : `, next ${when(c.nextRunAt)}`;
  return `    ${c.name} — ${STATUS[c.status]}: ${figures}${next}`;
}

function loginLine(login: DemoLogin): string {
  return `    ${login.label.padEnd(44)} ${login.username ?? login.phone ?? ''}`;
}

function printLogins(demo: DemoProvince): void {
  out(
    [
      '  Campaigns (Chiến dịch tin nhắn):',
      ...demo.campaigns.map(campaignLine),
      `  Demo logins (password for all staff accounts: ${demo.password}):`,
      ...demo.logins.filter((l) => l.username).map(loginLine),
      `  Phone sign-in (the one-time code is printed in this log as "message delivered to log"):`,
      ...demo.logins.filter((l) => l.phone).map(loginLine),
      `  A case whose chain grew through a contact: ${demo.chainCase.code}; the owner's place: ${demo.place.name} (${demo.commune.name})`,
      '',
    ].join('\n'),
  );
}

async function main(): Promise<void> {
  const dataDir = path.resolve(process.env.DEMO_DATA_DIR ?? 'data-demo');
  process.env.LOG_LEVEL ??= 'info';
  const started = performance.now();
  progress(`Building the demo province in ${dataDir} …`);
  const demo = await buildDemoProvince({ dataDir, size: { people: PEOPLE, places: PLACES }, env: readEnvironment(), log: (line) => progress(`  ${line}`) });
  progress(`Demo data of province ${demo.homeUnit} ready in ${((performance.now() - started) / 1000).toFixed(0)} s.`);
  if (JSON_ONLY) {
    out(JSON.stringify(demo));
    return;
  }
  // The server reads the same settings, with the demo's data directory.
  process.env.DATA_DIR = dataDir;
  await serve();
  printLogins(demo);
}

await main();
