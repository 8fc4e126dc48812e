import type { Kysely } from 'kysely';

// Tracing reads, for each place a traced person visited, everyone checked in there around that time
// and still there. An index holding every column that read needs answers it without touching the
// table: tens of thousands of such ranges make up the F2 of a hundred cases.
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropIndex('visits_place_time').execute();
  await db.schema.createIndex('visits_place_trace').on('visits').columns(['place_id', 'checked_in_at', 'checked_out_at', 'person_id', 'visitor_phone_index', 'id']).execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropIndex('visits_place_trace').execute();
  await db.schema.createIndex('visits_place_time').on('visits').columns(['place_id', 'checked_in_at']).execute();
}
