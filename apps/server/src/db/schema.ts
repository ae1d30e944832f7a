import type { ColumnType, Generated, Selectable } from 'kysely';
import type { Role, SchoolType } from '@onex/shared';

/** Database types, written beside the SQL migrations; keep both in step. */
type Timestamp = ColumnType<Date, Date | string, Date | string>;

export interface RegionsTable {
  code: string;
  name: string;
  level: 'province' | 'city';
  parent_code: string | null;
}

export interface EvaluationOrgsTable {
  id: Generated<string>;
  code: string;
  name: string;
  created_at: Generated<Timestamp>;
}

export interface SchoolsTable {
  id: Generated<string>;
  name: string;
  school_type: SchoolType;
  province_code: string;
  city_code: string;
  created_at: Generated<Timestamp>;
}

export interface DepartmentsTable {
  id: Generated<string>;
  school_id: string;
  name: string;
  created_at: Generated<Timestamp>;
}

export interface UsersTable {
  id: Generated<string>;
  username: string;
  display_name: string;
  password_hash: string;
  role: Role;
  province_code: string | null;
  city_code: string | null;
  school_id: string | null;
  department_id: string | null;
  org_id: string | null;
  status: Generated<'active' | 'disabled'>;
  created_at: Timestamp;
  created_by: string | null;
  password_changed_at: Timestamp | null;
}

export interface SessionsTable {
  id: string;
  user_id: string;
  csrf_token: string;
  created_at: Timestamp;
  last_seen_at: Timestamp;
  expires_at: Timestamp;
  client_ip: string | null;
  user_agent: string | null;
}

export interface LoginAttemptsTable {
  id: Generated<string>;
  username: string;
  at: Timestamp;
  succeeded: boolean;
  client_ip: string | null;
}

export interface ApiTokensTable {
  id: Generated<string>;
  user_id: string;
  name: string;
  token_hash: string;
  created_at: Timestamp;
  last_used_at: Timestamp | null;
  revoked_at: Timestamp | null;
}

export interface AuditLogTable {
  id: Generated<string>;
  at: Timestamp;
  actor_id: string | null;
  actor_username: string | null;
  actor_role: string | null;
  action: string;
  target_type: string;
  target_id: string | null;
  summary: ColumnType<Record<string, unknown>, string, string>;
  request_id: string | null;
  client_ip: string | null;
  province_code: string | null;
  city_code: string | null;
  school_id: string | null;
  org_id: string | null;
  prev_hash: string;
  hash: string;
}

export interface SchemaMigrationsTable {
  name: string;
  applied_at: Timestamp;
}

export interface DB {
  regions: RegionsTable;
  evaluation_orgs: EvaluationOrgsTable;
  schools: SchoolsTable;
  departments: DepartmentsTable;
  users: UsersTable;
  sessions: SessionsTable;
  login_attempts: LoginAttemptsTable;
  api_tokens: ApiTokensTable;
  audit_log: AuditLogTable;
  schema_migrations: SchemaMigrationsTable;
}

export type UserRow = Selectable<UsersTable>;
