import { DAY_MS } from './calendar.js';
import { writeChunked, type LoadRun } from './load-context.js';
import { citizenRow } from './load-rows.js';

/** When each person's account was made: spread over the month before the simulation. */
export function accountCreatedAt(run: LoadRun): (person: number) => number {
  const start = run.sim.startAt - 30 * DAY_MS;
  const step = Math.max(1, Math.floor((29 * DAY_MS) / Math.max(1, run.sim.people.count)));
  return (person) => start + person * step;
}

/** Every person as a citizen account, and a printed personal QR for those without a smartphone. */
export async function loadPeople(run: LoadRun): Promise<{ userIdByPerson: string[]; users: number; personalQr: number }> {
  const { people } = run.sim;
  const createdAt = accountCreatedAt(run);
  const userIdByPerson = Array.from({ length: people.count }, (_, p) => run.idAt(createdAt(p)));
  const id = (p: number) => userIdByPerson[p] as string;
  const users = await writeChunked(run, 'users', people.count, (p) => citizenRow(run.ctx, id(p), run.phone(p), createdAt(p)));
  // Staff scan the card (people.service.ts makes the row on first use, version 1).
  const personalQr = await writeChunked(run, 'personal_qr', people.count, (p) =>
    people.smartphone[p] ? null : { user_id: id(p), version: 1, created_at: createdAt(p), updated_at: createdAt(p) },
  );
  return { userIdByPerson, users, personalQr };
}
