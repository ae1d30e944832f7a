import type { ColumnType, Generated, Selectable } from 'kysely';
import type { CertificateLevel, CertificateTypeStatus, EducationLevel, ExamForm } from '@onex/shared';
import type { Role, SchoolFlag, SchoolStatus, SchoolType } from '@onex/shared';

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
  // 0002_catalog
  short_name: string | null;
  address: string | null;
  postcode: string | null;
  website: string | null;
  description: string | null;
  to_be_confirmed: Generated<boolean>;
  updated_at: DefaultTimestamp;
}

export interface SchoolsTable {
  id: Generated<string>;
  name: string;
  school_type: SchoolType;
  province_code: string;
  city_code: string;
  created_at: ColumnType<Date, Date | string | undefined, Date | string>;
  // 0003_schools
  credit_code: string | null;
  status: Generated<SchoolStatus>;
  flags: ColumnType<SchoolFlag[], SchoolFlag[] | undefined, SchoolFlag[]>;
  address: string | null;
  contact_name: string | null;
  contact_phone: string | null;
  updated_at: NullableTimestamp;
  registered_by: string | null;
  approved_by: string | null;
  approved_at: NullableTimestamp;
}

type NullableTimestamp = ColumnType<Date | null, Date | string | null | undefined, Date | string | null>;

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

/** 0003_schools: a school's majors (R2.2); `major_code` may match the national 专业目录. */
export interface SchoolMajorsTable {
  id: Generated<string>;
  school_id: string;
  department_id: string;
  province_code: string;
  major_code: string;
  name: string;
  created_at: Generated<Timestamp>;
  updated_at: NullableTimestamp;
}

export interface TrainingRoomJson {
  name: string;
  areaM2: number;
  workstations: number;
}

/** 0003_schools: a major's figures of one year (000 附件1 三). */
export interface SchoolMajorYearsTable {
  id: Generated<string>;
  school_major_id: string;
  province_code: string;
  year: number;
  enrolled_students: number;
  full_time_teachers: number;
  part_time_teachers: number;
  senior_title_teachers: number;
  dual_qualified_teachers: number;
  industry_expert_teachers: number;
  national_innovation_team: boolean;
  training_rooms: ColumnType<TrainingRoomJson[], string | undefined, string>;
  off_campus_bases: ColumnType<{ name: string }[], string | undefined, string>;
  last_year_usage: number;
  updated_at: Timestamp;
  updated_by: string | null;
}

/** 0002_catalog: numeric columns come back from the driver as strings. */
type Numeric = ColumnType<string, number | string, number | string>;
/** A timestamp column with a database default. */
type DefaultTimestamp = ColumnType<Date, Date | string | undefined, Date | string>;

export interface FilesTable {
  id: Generated<string>;
  sha256: string;
  size: number;
  mime: string;
  original_name: string;
  bytes: Buffer;
  created_at: Timestamp;
  created_by: string | null;
  province_code: string | null;
  school_id: string | null;
  org_id: string | null;
}

export interface CertificateBatchesTable {
  code: string;
  name: string;
  ordinal: number;
  created_at: DefaultTimestamp;
}

export interface MajorsTable {
  id: Generated<string>;
  code: string | null;
  name: string;
  education_level: EducationLevel;
  catalog_edition: string;
  to_be_confirmed: Generated<boolean>;
}

export interface CertificateTypesTable {
  id: Generated<string>;
  code: string;
  name: string;
  org_id: string;
  batch_code: string;
  status: Generated<CertificateTypeStatus>;
  description: string | null;
  target_group: string | null;
  award_requirements: string | null;
  details_to_be_confirmed: Generated<boolean>;
  created_at: Timestamp;
  created_by: string | null;
  updated_at: Timestamp;
}

export interface CertificateTypeEventsTable {
  id: Generated<string>;
  certificate_type_id: string;
  action: string;
  from_status: CertificateTypeStatus;
  to_status: CertificateTypeStatus;
  comment: string | null;
  actor_id: string | null;
  at: Timestamp;
}

export interface CertificateTypeMajorsTable {
  certificate_type_id: string;
  major_id: string;
}

export interface CertificateLevelsTable {
  id: Generated<string>;
  certificate_type_id: string;
  level: CertificateLevel;
  pass_mark: Numeric | null;
  details_to_be_confirmed: Generated<boolean>;
}

export interface CertificateLevelExamFormsTable {
  level_id: string;
  form: ExamForm;
  share: Numeric;
}

export interface StandardDocumentsTable {
  id: Generated<string>;
  certificate_type_id: string;
  version: string;
  file_id: string;
  uploaded_at: Timestamp;
  uploaded_by: string | null;
}

export interface EvaluationOrgContactsTable {
  id: Generated<string>;
  org_id: string;
  certificate_type_id: string | null;
  contact_name: string;
  office_phone: string | null;
  mobile: string | null;
  fax: string | null;
  email: string | null;
  address: string | null;
  postcode: string | null;
  sort_order: Generated<number>;
  created_at: DefaultTimestamp;
  updated_at: DefaultTimestamp;
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
  school_majors: SchoolMajorsTable;
  school_major_years: SchoolMajorYearsTable;
  users: UsersTable;
  sessions: SessionsTable;
  login_attempts: LoginAttemptsTable;
  api_tokens: ApiTokensTable;
  audit_log: AuditLogTable;
  schema_migrations: SchemaMigrationsTable;
  // 0002_catalog
  files: FilesTable;
  certificate_batches: CertificateBatchesTable;
  majors: MajorsTable;
  certificate_types: CertificateTypesTable;
  certificate_type_events: CertificateTypeEventsTable;
  certificate_type_majors: CertificateTypeMajorsTable;
  certificate_levels: CertificateLevelsTable;
  certificate_level_exam_forms: CertificateLevelExamFormsTable;
  standard_documents: StandardDocumentsTable;
  evaluation_org_contacts: EvaluationOrgContactsTable;
}

export type UserRow = Selectable<UsersTable>;
