export interface AuditLogTable {
  id: string;
  at: number;
  actor_id: string | null;
  actor_role: string | null;
  action: string;
  subject_type: string | null;
  subject_id: string | null;
  unit_code: string | null;
  detail: string | null;
  request_id: string | null;
}

export interface AuditTables {
  audit_log: AuditLogTable;
}
