import type { AccountsTables } from '../modules/accounts/accounts.table.js';
import type { AuditTables } from '../modules/audit/audit.table.js';
import type { MessagingTables } from '../modules/messaging/messaging.table.js';
import type { PlacesTables } from '../modules/places/places.table.js';
import type { PeopleTables } from '../modules/people/people.table.js';
import type { PresenceTables } from '../modules/presence/presence.table.js';
import type { DeclarationsTables } from '../modules/declarations/declarations.table.js';
import type { CasesTables } from '../modules/cases/cases.table.js';
import type { MapTables } from '../modules/map/map.table.js';
import type { ExposureTables } from '../modules/exposure/exposure.table.js';
import type { ReportsTables } from '../modules/reports/reports.table.js';
import type { UnitsTables } from '../modules/units/units.table.js';
import type { IntegrationTables } from '../modules/integration/integration.table.js';

/** Installation-wide facts (chosen units dataset, schema details) in a key/value table. */
export interface MetaTable {
  key: string;
  value: string;
}

export interface JobLeasesTable {
  name: string;
  holder: string;
  expires_at: number;
}

export interface Database extends UnitsTables, AccountsTables, AuditTables, MessagingTables, PlacesTables, PeopleTables, PresenceTables, DeclarationsTables, CasesTables, MapTables, ReportsTables, ExposureTables, IntegrationTables {
  meta: MetaTable;
  job_leases: JobLeasesTable;
}
