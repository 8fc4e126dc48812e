import type { Role, Sector } from '@phongdich/core';

/** Who is acting: the signed-in account behind a request, as services see it. */
export interface Actor {
  userId: string;
  role: Role;
  unitCode: string | null;
  sector: Sector | null;
  requestId: string | null;
}

/** The platform itself acting (jobs, CLI, start-up). */
export const SYSTEM_ACTOR: Actor = { userId: 'system', role: 'admin', unitCode: null, sector: null, requestId: null };
