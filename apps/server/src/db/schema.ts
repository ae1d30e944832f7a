import type { ColumnType, Generated, Selectable } from 'kysely';
import type { ApplicationStatus, ConversionRefusal, CourseCategory, RuleStatus } from '@onex/shared';
import type { CertificateLevel, CertificateTypeStatus, EducationLevel, ExamForm } from '@onex/shared';
import type { Role, SchoolFlag, SchoolStatus, SchoolType } from '@onex/shared';
import type { SocialApplicationStatus, SocialDocumentKind } from '@onex/shared';
import type { ComplaintCategory, ComplaintLevel, ComplaintStatus, ComplaintSubjectType, ComplaintVerdict } from '@onex/shared';
import type {
  CancellationGround,
  InspectionStatus,
  RectificationStatus,
  ReportDutyStatus,
  ReportField,
  ReportPeriod,
  ReporterKind,
} from '@onex/shared';
import type { CaseStatus, QualificationKind, TrainingKind, TrainingPlanStatus } from '@onex/shared';
import type { NoticeCategory, NoticeLevel, PublicitySubjectType } from '@onex/shared';
import type { BudgetStatus, FactorWeight, FundCategory, FundEntryKind, FundIncomeSource } from '@onex/shared';
import type {
  FilingAttachmentKind,
  FilingRoundStatus,
  FilingRoundType,
  FilingStatus,
  ReviewCriterion,
  RuleOverrides,
  RuleReportDto,
} from '@onex/shared';
import type {
  ConsentVia,
  ExamSessionStatus,
  ExamSiteStatus,
  FEE_PAYER,
  IdType,
  ImportErrorDto,
  InvigilatorRole,
  LearnerKind,
  RegistrationStatus,
  ResultImportKind,
  ResultImportStatus,
} from '@onex/shared';
import type { AgreementStatus, ScoreReviewCertificateEffect, ScoreReviewStatus } from '@onex/shared';

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
  // 0010_certificates: days of 成绩公示 before certificates can be issued
  publicity_days: Generated<number>;
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
  // 0028_school_self_registration
  self_registered: Generated<boolean>;
  registration_code: string | null;
  leading_body: string | null;
  leading_body_head: string | null;
  responsible_department: string | null;
  responsible_person: string | null;
  proof_file_id: string | null;
  applicant_user_id: string | null;
  submitted_at: NullableTimestamp;
  return_reason: string | null;
  returned_at: NullableTimestamp;
  returned_by: string | null;
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

/** 0014: the key check value of SECRET_KEY (one row; an HMAC, never the key). */
export interface SecretKeyCheckTable {
  singleton: Generated<boolean>;
  check_value: string;
  created_at: Timestamp;
}

/** 0014: signed heads of the audit chain (append-only). */
export interface AuditCheckpointsTable {
  id: Generated<string>;
  at: Timestamp;
  last_id: ColumnType<string, string, never>;
  row_count: ColumnType<string, number, never>;
  last_hash: string;
  signature: string;
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

// ---- 0004_filings (R3) ----

type NullableJson<T> = ColumnType<T | null, string | null | undefined, string | null>;
type DefaultJson<T> = ColumnType<T, string | undefined, string>;

export interface FilingRoundsTable {
  id: Generated<string>;
  province_code: string;
  name: string;
  year: number;
  type: FilingRoundType;
  status: Generated<FilingRoundStatus>;
  school_submission_deadline: NullableTimestamp;
  municipal_review_deadline: NullableTimestamp;
  provincial_review_deadline: NullableTimestamp;
  admitted_batch_codes: ColumnType<string[], string[] | undefined, string[]>;
  major_catalog_edition: string;
  review_criteria: DefaultJson<ReviewCriterion[]>;
  rule_overrides: DefaultJson<RuleOverrides>;
  required_attachments: ColumnType<FilingAttachmentKind[], FilingAttachmentKind[] | undefined, FilingAttachmentKind[]>;
  description: string | null;
  created_at: Timestamp;
  created_by: string | null;
  updated_at: Timestamp;
  published_at: NullableTimestamp;
}

export interface FilingsTable {
  id: Generated<string>;
  round_id: string;
  province_code: string;
  city_code: string;
  school_id: string;
  department_id: string;
  certificate_type_id: string;
  year: number;
  levels: ColumnType<CertificateLevel[], CertificateLevel[] | undefined, CertificateLevel[]>;
  needs_municipal_review: boolean;
  status: Generated<FilingStatus>;
  decision: 'approved' | 'rejected' | null;
  decision_comment: string | null;
  project_leader_user_id: string | null;
  leader: NullableJson<Record<string, unknown>>;
  team: NullableJson<Record<string, unknown>>;
  overview: NullableJson<Record<string, unknown>>;
  opinions: NullableJson<Record<string, unknown>>;
  course_support: NullableJson<Record<string, unknown>>;
  feasibility: NullableJson<Record<string, unknown>>;
  rule_report: NullableJson<RuleReportDto>;
  warning_reasons: DefaultJson<Record<string, string>>;
  warning_decisions: DefaultJson<Record<string, { accepted: boolean; reason: string; decidedAt: string; decidedBy: string }>>;
  return_comments: DefaultJson<Record<string, string>>;
  created_at: Timestamp;
  created_by: string | null;
  updated_at: Timestamp;
  submitted_at: NullableTimestamp;
  decided_at: NullableTimestamp;
  published_at: NullableTimestamp;
  // 0005_filing_extras (R3.8): set when the school files 'discontinue' for a year
  pilot_ended_year: ColumnType<number | null, number | null | undefined, number | null>;
  pilot_ended_at: NullableTimestamp;
  // 0018_supervision (R8.3)
  cancelled_at: NullableTimestamp;
  // 0027_policies (R3.5, 001 第五条（二）)
  planned_fees_fen: DefaultJson<Partial<Record<CertificateLevel, number>>>;
  pledge: NullableJson<FilingPledge>;
  // 0032 (issue 17 item 2): candidates per exam year the province approved; null: not fixed
  approved_scale: ColumnType<number | null, number | null | undefined, number | null>;
}

/** The authenticity pledge of the last submission (0027_policies). */
export interface FilingPledge {
  userId: string;
  name: string;
  role: string;
  at: string;
  text: string;
  source: string;
}

/** 0027_policies: documents added on the platform, with a jurisdiction. */
export interface PolicyDocumentsTable {
  id: Generated<string>;
  level: 'national' | 'province' | 'school';
  province_code: string | null;
  school_id: string | null;
  number: string;
  title: string;
  issuer: string;
  created_by: string | null;
  created_at: Timestamp;
}

export interface PolicyRulesTable {
  id: Generated<string>;
  document_id: string;
  kind: string;
  clause: string;
  severity: 'block' | 'warn' | null;
  params: DefaultJson<Record<string, unknown>>;
  created_by: string | null;
  created_at: Timestamp;
}

/** 一、申报计划: one row per major. */
export interface FilingMajorsTable {
  id: Generated<string>;
  filing_id: string;
  province_code: string;
  school_major_id: string;
  major_code: string;
  major_name: string;
  enrolled_students: number;
  full_time_teachers: number;
  planned_trainees: number;
  sort_order: Generated<number>;
}

export interface FilingAttachmentsTable {
  id: Generated<string>;
  filing_id: string;
  province_code: string;
  school_id: string;
  kind: FilingAttachmentKind;
  version: number;
  file_id: string;
  uploaded_at: Timestamp;
  uploaded_by: string | null;
}

export interface FilingExpertAssignmentsTable {
  id: Generated<string>;
  filing_id: string;
  province_code: string;
  expert_id: string;
  assigned_at: Timestamp;
  assigned_by: string | null;
  scores: NullableJson<Record<string, number>>;
  weighted_total: Numeric | null;
  opinion: string | null;
  scored_at: NullableTimestamp;
}

export interface FilingEventsTable {
  id: Generated<string>;
  filing_id: string;
  province_code: string;
  action: string;
  from_status: FilingStatus;
  to_status: FilingStatus;
  opinion: string | null;
  details: DefaultJson<Record<string, unknown>>;
  actor_id: string | null;
  actor_role: string | null;
  actor_name: string | null;
  at: Timestamp;
}

/** A province lifts a blocking rule (R3.9 pass rate) for one school × certificate × year. */
export interface FilingRuleOverridesTable {
  id: Generated<string>;
  province_code: string;
  school_id: string;
  certificate_type_id: string;
  year: number;
  rule_id: string;
  reason: string;
  created_at: Timestamp;
  created_by: string | null;
}

/** R3.7 change requests after approval (service owned by the change-request feature). */
export interface FilingChangeRequestsTable {
  id: Generated<string>;
  filing_id: string;
  province_code: string;
  city_code: string;
  school_id: string;
  kinds: ColumnType<('content' | 'schedule' | 'leader')[], ('content' | 'schedule' | 'leader')[], ('content' | 'schedule' | 'leader')[]>;
  reason: string;
  proposed: DefaultJson<Record<string, unknown>>;
  application_file_id: string | null;
  status: Generated<'submitted' | 'recorded' | 'refused' | 'withdrawn'>;
  requested_at: Timestamp;
  requested_by: string | null;
  decided_at: NullableTimestamp;
  decided_by: string | null;
  decision_comment: string | null;
}

/** R3.8 annual plans (拟考证人数), new or carried forward (沿用). */
export interface FilingAnnualPlansTable {
  id: Generated<string>;
  filing_id: string;
  round_id: string | null;
  province_code: string;
  city_code: string;
  school_id: string;
  certificate_type_id: string;
  year: number;
  mode: 'new' | 'carry_forward' | 'discontinue';
  planned_candidates: number;
  carried_from_plan_id: string | null;
  majors: DefaultJson<{ schoolMajorId: string; majorName: string; level: CertificateLevel | null; plannedCandidates: number }[]>;
  status: Generated<'draft' | 'submitted' | 'accepted' | 'returned'>;
  created_at: Timestamp;
  created_by: string | null;
  updated_at: Timestamp;
  submitted_at: NullableTimestamp;
}

/** R3.11 in-platform notifications. */
export interface NotificationsTable {
  id: Generated<string>;
  user_id: string;
  kind: string;
  title: string;
  body: Generated<string>;
  link: string | null;
  created_at: Timestamp;
  read_at: NullableTimestamp;
  // 0005_filing_extras: one reminder per user and key
  dedupe_key: ColumnType<string | null, string | null | undefined, string | null>;
}

/** R3.9 pass rates per school × certificate × exam year (0005_filing_extras; filled by the exams feature). */
export interface CertificatePassRatesTable {
  school_id: string;
  certificate_type_id: string;
  year: number;
  candidates: number;
  passed: number;
}

// ---- 0006_exams (issue 5) ----

/** A learner; the ID number is encrypted (id_number_enc) and found by its keyed hash (id_number_hash). */
export interface LearnersTable {
  id: Generated<string>;
  user_id: string | null;
  kind: LearnerKind;
  school_id: string | null;
  province_code: string | null;
  city_code: string | null;
  department_id: string | null;
  school_major_id: string | null;
  class_name: string | null;
  name: string;
  id_type: IdType;
  id_number_enc: string;
  id_number_hash: string;
  id_number_last4: string;
  poverty_registered: Generated<boolean>;
  activation_code_hash: string | null;
  activation_expires_at: NullableTimestamp;
  activated_at: NullableTimestamp;
  created_at: Timestamp;
  created_by: string | null;
  updated_at: NullableTimestamp;
  // 0031_social_learners
  phone_sealed: ColumnType<string | null, string | null | undefined, string | null>;
  phone_last4: ColumnType<string | null, string | null | undefined, string | null>;
  privacy_consent_at: ColumnType<Date | null, Date | null | undefined, Date | null>;
}

export interface PilotAgreementsTable {
  id: Generated<string>;
  filing_id: string;
  school_id: string;
  org_id: string;
  certificate_type_id: string;
  province_code: string;
  city_code: string;
  /** date column: a YYYY-MM-DD string */
  signed_on: ColumnType<string, string, string>;
  file_id: string;
  note: string | null;
  created_at: Timestamp;
  created_by: string | null;
  /** 0032: draft → in_force → suspended / terminated (issue 17 item 5). */
  status: Generated<AgreementStatus>;
  status_reason: string | null;
  status_changed_at: NullableTimestamp;
  status_changed_by: string | null;
}

export interface PilotAgreementEventsTable {
  id: Generated<string>;
  agreement_id: string;
  province_code: string;
  action: string;
  from_status: string;
  to_status: string;
  reason: string | null;
  actor_id: string | null;
  at: Timestamp;
}

/** 0032: a candidate's score review (成绩复核, issue 17 item 4). */
export interface ScoreReviewsTable {
  id: Generated<string>;
  registration_id: string;
  session_id: string;
  learner_id: string;
  org_id: string;
  school_id: string | null;
  province_code: string;
  city_code: string;
  result_id: string;
  original_score: Numeric;
  original_passed: boolean;
  reason: string;
  status: Generated<ScoreReviewStatus>;
  answer: string | null;
  new_score: Numeric | null;
  new_passed: boolean | null;
  correction_import_id: string | null;
  certificate_effect: ScoreReviewCertificateEffect | null;
  requested_at: Timestamp;
  requested_by: string | null;
  decided_at: NullableTimestamp;
  decided_by: string | null;
}

/** 0032: changes of a pilot's approved scale (issue 17 item 2). */
export interface FilingScaleEventsTable {
  id: Generated<string>;
  filing_id: string;
  province_code: string;
  from_scale: number | null;
  to_scale: number;
  reason: string | null;
  actor_id: string | null;
  at: Timestamp;
}

export interface PilotAgreementFeesTable {
  agreement_id: string;
  level: CertificateLevel;
  fee_fen: number;
  cap_fen: number;
}

export interface ExamSitesTable {
  id: Generated<string>;
  org_id: string;
  school_id: string | null;
  province_code: string;
  city_code: string;
  certificate_type_id: string;
  name: string;
  address: string;
  capacity: number;
  application_file_id: string | null;
  status: Generated<ExamSiteStatus>;
  open_shared: Generated<boolean>;
  reason: string | null;
  created_at: Timestamp;
  created_by: string | null;
  decided_at: NullableTimestamp;
  decided_by: string | null;
  // 0039_exam_site_register (issue 17 item 8)
  registered_by: Generated<'school' | 'organization'>;
  levels: ColumnType<CertificateLevel[] | null, CertificateLevel[] | null | undefined, CertificateLevel[] | null>;
  updated_at: NullableTimestamp;
  // 0042_exam_site_closure: 撤销 by the organization
  closed_at: NullableTimestamp;
  closed_by: string | null;
  closed_reason: string | null;
}

export interface ExamSessionsTable {
  id: Generated<string>;
  org_id: string;
  certificate_type_id: string;
  level: CertificateLevel;
  exam_site_id: string;
  province_code: string;
  city_code: string;
  /** date column: a YYYY-MM-DD string */
  exam_date: ColumnType<string, string, string>;
  exam_form: ExamForm;
  capacity: number;
  registration_opens_at: Timestamp;
  registration_closes_at: Timestamp;
  status: Generated<ExamSessionStatus>;
  scores_published_at: NullableTimestamp;
  /** Days of 成绩公示 chosen at publication; null: the organization's setting (sessions published before 0021). */
  publicity_days: ColumnType<number | null, number | null | undefined, number | null>;
  created_at: Timestamp;
  created_by: string | null;
  updated_at: NullableTimestamp;
}

export interface ExamSessionEventsTable {
  id: Generated<string>;
  session_id: string;
  province_code: string;
  action: string;
  from_status: ExamSessionStatus;
  to_status: ExamSessionStatus;
  comment: string | null;
  actor_id: string | null;
  at: Timestamp;
}

/** payer is always 'school' (CHECK): no charge to a learner can be recorded (R4.3). */
export interface ExamRegistrationsTable {
  id: Generated<string>;
  session_id: string;
  learner_id: string;
  school_id: string | null;
  filing_id: string | null;
  agreement_id: string | null;
  province_code: string;
  org_id: string;
  proposed_by: string | null;
  status: Generated<RegistrationStatus>;
  consent_at: NullableTimestamp;
  consent_via: ConsentVia | null;
  consent_file_id: string | null;
  fee_fen: Generated<number>;
  fee_exempt: Generated<boolean>;
  payer: Generated<typeof FEE_PAYER | 'learner'>;
  created_at: Timestamp;
  updated_at: NullableTimestamp;
}

export interface ResultImportsTable {
  id: Generated<string>;
  session_id: string;
  org_id: string;
  province_code: string;
  file_sha256: string;
  file_name: string;
  file_id: string | null;
  kind: Generated<ResultImportKind>;
  correction_note: string | null;
  status: Generated<ResultImportStatus>;
  rows: Generated<number>;
  passed: Generated<number>;
  failed: Generated<number>;
  progress: Generated<number>;
  errors: DefaultJson<ImportErrorDto[]>;
  created_at: Timestamp;
  created_by: string | null;
  started_at: NullableTimestamp;
  finished_at: NullableTimestamp;
  /** 0008: why a job failed when it is not about rows. */
  message: Generated<string | null>;
  /** 0016: times the job was claimed; past MAX_JOB_ATTEMPTS a job left running is failed, not run again. */
  attempts: Generated<number>;
}

/** Append-only: a correction inserts rows and marks the previous ones superseded. */
export interface ExamResultsTable {
  id: Generated<string>;
  registration_id: string;
  session_id: string;
  province_code: string;
  score: Numeric;
  passed: boolean;
  import_id: string;
  created_at: Timestamp;
  superseded_at: NullableTimestamp;
  superseded_by_import_id: string | null;
}

export interface ExamInvigilationsTable {
  id: Generated<string>;
  session_id: string;
  school_id: string;
  department_id: string | null;
  province_code: string;
  invigilator_name: string;
  role: Generated<InvigilatorRole>;
  fee_fen: Generated<number>;
  created_at: Timestamp;
  created_by: string | null;
}

export interface FeeSettlementsTable {
  id: Generated<string>;
  session_id: string;
  school_id: string;
  org_id: string;
  province_code: string;
  due_fen: number;
  exempt_count: Generated<number>;
  registered_count: Generated<number>;
  computed_at: Timestamp;
  settled_at: NullableTimestamp;
  settled_by: string | null;
  note: string | null;
}

/** A view: current (not superseded) results with the dimensions of pass rates (R5.6). Read only. */
export interface ExamResultFactsView {
  result_id: string;
  session_id: string;
  registration_id: string;
  score: string;
  passed: boolean;
  org_id: string;
  certificate_type_id: string;
  level: CertificateLevel;
  year: number;
  filing_id: string | null;
  school_id: string | null;
  province_code: string;
  city_code: string | null;
  department_id: string | null;
}

type DateCol = ColumnType<string, string, string>;
type NullableDateCol = ColumnType<string | null, string | null | undefined, string | null>;

// 0010_certificates
export interface IssuerKeysTable {
  id: Generated<string>;
  org_id: string;
  key_no: number;
  public_key_multibase: string;
  private_key_enc: string;
  status: Generated<'active' | 'retired'>;
  created_at: Timestamp;
  created_by: string | null;
  retired_at: NullableTimestamp;
}

export interface StatusListsTable {
  id: Generated<string>;
  org_id: string;
  purpose: Generated<'revocation'>;
  size: number;
  next_index: Generated<number>;
  created_at: Timestamp;
}

export interface CertificatesTable {
  id: Generated<string>;
  number: string;
  verification_code: string;
  registration_id: string;
  result_id: string;
  session_id: string;
  learner_id: string;
  org_id: string;
  certificate_type_id: string;
  level: CertificateLevel;
  school_id: string | null;
  province_code: string;
  city_code: string | null;
  holder_name: string;
  holder_id_masked: string;
  issued_on: DateCol;
  issuer_key_id: string;
  status_list_id: string;
  status_index: number;
  /** The credential is `fillCredential(batch.template, this row)` (0012_credential_batches). */
  batch_id: string;
  /** The credential's values (null for a certificate issued before 0012: its batch template is its whole text). */
  holder_id_hash: string | null;
  holder_salt: string | null;
  proof_value: string | null;
  revoked_at: NullableTimestamp;
  revoked_on: NullableDateCol;
  revocation_reason: string | null;
  revoked_by: string | null;
  created_at: Timestamp;
  created_by: string | null;
}

/** One issuance's credentials as one canonical JSON text with placeholders for the holder values and the proof. */
export interface CredentialBatchesTable {
  id: Generated<string>;
  org_id: string;
  session_id: string | null;
  issuer_key_id: string;
  template: string;
  created_at: Timestamp;
  /** 1: signed before issue 12 (re-signed by a job); 2: the current format (0013_credential_format). */
  format: Generated<number>;
}

/** Statistics rollups (0022_statistics): kept by triggers (counts) and a 30 s refresh (pilots). */
export interface StatCountsTable {
  province_code: string;
  city_code: string | null;
  school_id: string | null;
  department_id: string | null;
  org_id: string;
  certificate_type_id: string;
  level: string;
  year: number;
  registered: number;
  examined: number;
  passed: number;
  issued: number;
  revoked: number;
}
export interface StatPilotsTable {
  province_code: string;
  city_code: string;
  school_id: string;
  department_id: string;
  org_id: string;
  certificate_type_id: string;
  year: number;
  pilots: number;
  planned: number;
}
export interface StatMetaTable {
  name: string;
  refreshed_at: Timestamp;
}

/** The platform's own keys (`did:web:<host>#key-n`): they sign the trust list (0013). */
export interface PlatformKeysTable {
  id: Generated<string>;
  key_no: number;
  public_key_multibase: string;
  private_key_enc: string;
  status: Generated<'active' | 'retired'>;
  created_at: Timestamp;
  retired_at: NullableTimestamp;
}

/** A credential with a second proof for wallets (`eddsa-rdfc-2022`), made once on the holder's request (0013). */
export interface CredentialWalletCopiesTable {
  certificate_id: string;
  cryptosuite: string;
  credential: string;
  created_at: Timestamp;
}

export interface CertificateShareLinksTable {
  id: Generated<string>;
  certificate_id: string;
  token: string;
  created_at: Timestamp;
  created_by: string | null;
  expires_at: Timestamp;
  revoked_at: NullableTimestamp;
}

export interface CertificatePdfJobsTable {
  id: Generated<string>;
  session_id: string;
  org_id: string;
  province_code: string;
  status: Generated<'queued' | 'running' | 'succeeded' | 'failed'>;
  total: Generated<number>;
  done: Generated<number>;
  file_id: string | null;
  message: string | null;
  created_at: Timestamp;
  created_by: string | null;
  started_at: NullableTimestamp;
  finished_at: NullableTimestamp;
  /** 0016: times the job was claimed; past MAX_JOB_ATTEMPTS a job left running is failed, not run again. */
  attempts: Generated<number>;
}

/** 0026: a list export written in the background (R10.2). */
export interface ExportJobsTable {
  id: Generated<string>;
  requested_by: string;
  route: string;
  path: string;
  params: DefaultJson<Record<string, unknown>>;
  query: Generated<string>;
  status: Generated<'queued' | 'running' | 'succeeded' | 'failed'>;
  total: Generated<number>;
  done: Generated<number>;
  file_id: string | null;
  message: string | null;
  attempts: Generated<number>;
  created_at: Timestamp;
  started_at: NullableTimestamp;
  finished_at: NullableTimestamp;
  expires_at: Timestamp;
}

export type OutcomeType = 'certificate' | 'course' | 'training' | 'competition' | 'other';
export type OutcomeSourceKind = 'certificate_issuance' | 'school' | 'conversion' | 'learner' | 'import';

export interface LearningAccountsTable {
  id: Generated<string>;
  id_type: IdType;
  id_number_enc: string;
  id_number_hash: string;
  id_number_last4: string;
  holder_name: string;
  learner_id: string | null;
  school_id: string | null;
  province_code: string | null;
  /** Cache of the sum of the account's entries, kept in the entries' transaction. */
  total_credits: Generated<Numeric>;
  outcome_count: Generated<number>;
  opened_via: 'learner' | 'certificate' | 'school' | 'school_import';
  created_at: Timestamp;
  created_by: string | null;
}

export interface CreditOutcomesTable {
  id: Generated<string>;
  certificate_type_id: string;
  level: CertificateLevel;
  name: string;
  credits: Numeric;
  hours: number;
  created_at: Timestamp;
  updated_at: Timestamp;
  updated_by: string | null;
}

/** The ledger: append-only entries; a reversal points at the entry it reverses. */
export interface LearningOutcomesTable {
  id: Generated<string>;
  account_id: string;
  entry_kind: Generated<'deposit' | 'reversal'>;
  outcome_type: OutcomeType;
  name: string;
  level: string | null;
  credits: Generated<Numeric>;
  hours: Numeric | null;
  recorded_on: DateCol;
  source: string;
  source_kind: OutcomeSourceKind;
  idempotency_key: string;
  certificate_id: string | null;
  credit_outcome_id: string | null;
  reverses_id: string | null;
  evidence_file_id: string | null;
  school_id: string | null;
  province_code: string | null;
  note: string | null;
  created_at: Timestamp;
  created_by: string | null;
}

// 0011_credit_bank (issue 7; R7.2–R7.5)
export interface SchoolCoursesTable {
  id: Generated<string>;
  school_id: string;
  province_code: string;
  school_major_id: string | null;
  code: string;
  name: string;
  category: CourseCategory;
  credits: Numeric;
  hours: number;
  exemptible: Generated<boolean>;
  created_at: Timestamp;
  created_by: string | null;
  updated_at: NullableTimestamp;
}

export interface CreditBankSettingsTable {
  school_id: string;
  province_code: string;
  professional_cap_percent: Numeric;
  public_cap_percent: Numeric;
  excluded_categories: ColumnType<CourseCategory[], CourseCategory[] | undefined, CourseCategory[]>;
  basis: string | null;
  updated_at: Timestamp;
  updated_by: string | null;
}

export interface RecognitionRulesTable {
  id: Generated<string>;
  school_id: string;
  province_code: string;
  school_major_id: string;
  code: string;
  name: string;
  status: Generated<RuleStatus>;
  valid_from: NullableDateCol;
  valid_to: NullableDateCol;
  max_outcome_age_years: number | null;
  basis: string | null;
  note: string | null;
  created_at: Timestamp;
  created_by: string | null;
  updated_at: Timestamp;
  published_at: NullableTimestamp;
  published_by: string | null;
  withdrawn_at: NullableTimestamp;
}

export interface RecognitionRuleOutcomesTable {
  rule_id: string;
  credit_outcome_id: string;
}

export interface RecognitionRuleCoursesTable {
  rule_id: string;
  course_id: string;
  credits: Numeric;
  grade: string;
  sort_order: Generated<number>;
}

export interface RecognitionRuleEventsTable {
  id: Generated<string>;
  rule_id: string;
  action: string;
  from_status: string;
  to_status: string;
  comment: string | null;
  actor_id: string | null;
  at: Timestamp;
}

export interface ConversionApplicationsTable {
  id: Generated<string>;
  account_id: string;
  learner_id: string;
  school_id: string;
  province_code: string;
  school_major_id: string;
  status: Generated<ApplicationStatus>;
  applied_on: DateCol;
  applied_via: 'learner' | 'school';
  note: string | null;
  decision_reason: string | null;
  decided_at: NullableTimestamp;
  decided_by: string | null;
  created_at: Timestamp;
  created_by: string | null;
  updated_at: Timestamp;
}

export interface ConversionItemsTable {
  id: Generated<string>;
  application_id: string;
  seq: number;
  rule_id: string;
  course_id: string;
  outcome_ids: string[];
  credits: Numeric;
  grade: string;
  verdict: 'allowed' | 'refused';
  reason_code: ConversionRefusal | null;
  explanation: string;
  status: Generated<'proposed' | 'approved' | 'refused'>;
}

export interface ConversionApplicationEventsTable {
  id: Generated<string>;
  application_id: string;
  province_code: string;
  action: string;
  from_status: string;
  to_status: string;
  comment: string | null;
  actor_id: string | null;
  at: Timestamp;
}

export interface ConversionOutcomeUsesTable {
  learning_outcome_id: string;
  account_id: string;
  application_id: string;
  rule_id: string;
  school_id: string;
  province_code: string;
  used_at: Timestamp;
}

export interface CourseExemptionsTable {
  id: Generated<string>;
  account_id: string;
  learner_id: string;
  school_id: string;
  province_code: string;
  school_major_id: string;
  course_id: string;
  credits: Numeric;
  grade: string;
  rule_id: string;
  application_id: string;
  item_id: string;
  outcome_ids: string[];
  learning_outcome_id: string;
  granted_on: DateCol;
  created_at: Timestamp;
  created_by: string | null;
}

export interface SchemaMigrationsTable {
  name: string;
  applied_at: Timestamp;
}

// 0015_security_events
export interface SecurityEventsTable {
  id: Generated<string>;
  at: Timestamp;
  kind: 'forbidden' | 'out_of_scope';
  code: string;
  actor_id: string | null;
  actor_username: string | null;
  actor_role: string | null;
  method: string;
  route: string;
  target: string;
  client_ip: string | null;
  request_id: string | null;
}

// ---- Special funds (0020) ----
/** bigint columns come back as strings (node-postgres); read them with Number() (fen stay below 2^53). */
type Int8 = ColumnType<string, number | string, number | string>;

export interface FundBudgetsTable {
  id: Generated<string>;
  filing_id: string;
  school_id: string;
  department_id: string;
  province_code: string;
  city_code: string;
  year: number;
  status: ColumnType<BudgetStatus, BudgetStatus | undefined, BudgetStatus>;
  created_at: Timestamp;
  created_by: string | null;
  updated_at: Timestamp;
}
export interface FundBudgetLinesTable {
  budget_id: string;
  category: FundCategory;
  amount_fen: Int8;
}
export interface FundBudgetEventsTable {
  id: Generated<string>;
  budget_id: string;
  action: string;
  from_status: string;
  to_status: string;
  actor_id: string | null;
  actor_name: string;
  comment: string | null;
  at: Timestamp;
  adjustment_id: ColumnType<string | null, string | null | undefined, string | null>;
}
export interface FundBudgetAdjustmentsTable {
  id: Generated<string>;
  budget_id: string;
  status: ColumnType<BudgetStatus, BudgetStatus | undefined, BudgetStatus>;
  lines: ColumnType<{ category: FundCategory; amountFen: number }[], string, string>;
  reason: string;
  created_at: Timestamp;
  created_by: string | null;
  updated_at: Timestamp;
}
export interface FundEntriesTable {
  id: Generated<string>;
  budget_id: string;
  school_id: string;
  province_code: string;
  city_code: string;
  kind: FundEntryKind;
  category: FundCategory | null;
  income_source: Exclude<FundIncomeSource, 'student_training_fee'> | null;
  amount_fen: Int8;
  entry_date: ColumnType<string, string, never>;
  counterparty: string;
  purpose: string;
  evidence_file_id: string | null;
  fee_settlement_id: string | null;
  allocation_id: string | null;
  reverses_entry_id: string | null;
  reason: string | null;
  created_at: Timestamp;
  created_by: string | null;
}
export interface FundAllocationsTable {
  id: Generated<string>;
  province_code: string;
  year: number;
  total_fen: Int8;
  weights: ColumnType<FactorWeight[], string, string>;
  status: ColumnType<'draft' | 'published', 'draft' | 'published' | undefined, 'draft' | 'published'>;
  created_at: Timestamp;
  created_by: string | null;
  published_at: NullableTimestamp;
}
export interface FundAllocationSharesTable {
  allocation_id: string;
  school_id: string;
  factors: ColumnType<Record<string, unknown>, string, string>;
  computed_fen: Int8;
  adjusted_fen: ColumnType<string | null, number | string | null | undefined, number | string | null>;
  adjust_reason: string | null;
}

// 0031_social_learners
export interface SocialExamFeesTable {
  certificate_type_id: string;
  level: CertificateLevel;
  org_id: string;
  fee_fen: number;
  cap_fen: number;
  published_at: Timestamp;
  published_by: string | null;
}
/** 0040: an organization's 收费公告 per certificate level (issue 17 item 6). */
export interface OrgFeeNoticesTable {
  id: Generated<string>;
  org_id: string;
  certificate_type_id: string;
  level: CertificateLevel;
  school_fee_fen: number | null;
  social_fee_fen: number | null;
  cap_fen: number;
  effective_on: ColumnType<string, string, string>;
  note: string | null;
  published_at: Timestamp;
  published_by: string | null;
}
export interface SocialApplicationsTable {
  id: Generated<string>;
  learner_id: string;
  session_id: string;
  org_id: string;
  province_code: string;
  city_code: string;
  status: Generated<SocialApplicationStatus>;
  fee_fen: number;
  cap_fen: number;
  paid_fen: number | null;
  paid_at: NullableTimestamp;
  payment_ref: string | null;
  registration_id: string | null;
  reason: string | null;
  created_at: Timestamp;
  updated_at: NullableTimestamp;
  decided_at: NullableTimestamp;
  decided_by: string | null;
}
export interface SocialApplicationDocumentsTable {
  id: Generated<string>;
  application_id: string;
  kind: SocialDocumentKind;
  file_name: string;
  mime: string;
  size: number;
  sha256: string;
  content_sealed: string;
  created_at: Timestamp;
}

// 0029_pilot_acceptance (issue 18 item 5)
export type PilotAcceptanceStatus = 'in_progress' | 'applied' | 'accepted' | 'not_accepted';
export interface PilotTaskBooksTable {
  id: Generated<string>;
  filing_id: string;
  school_id: string;
  province_code: string;
  city_code: string;
  target_trained_teachers: number;
  target_examined: number;
  target_courses: number;
  trained_teachers: ColumnType<number, number | undefined, number>;
  status: ColumnType<PilotAcceptanceStatus, PilotAcceptanceStatus | undefined, PilotAcceptanceStatus>;
  acceptance_report: string | null;
  applied_at: NullableTimestamp;
  shortfalls: ColumnType<unknown[], string | undefined, string>;
  decision_comment: string | null;
  decided_at: NullableTimestamp;
  decided_by: string | null;
  created_at: Timestamp;
  created_by: string | null;
  updated_at: Timestamp;
}
export interface PilotMilestonesTable {
  id: Generated<string>;
  task_book_id: string;
  position: number;
  title: string;
  due_on: DateCol;
  done_on: ColumnType<string | null, string | null | undefined, string | null>;
  note: string | null;
}
export interface PilotCourseMappingsTable {
  task_book_id: string;
  course_id: string;
  module: string;
}
export interface PilotAcceptanceEventsTable {
  id: Generated<string>;
  task_book_id: string;
  action: 'apply' | 'accept' | 'reject';
  from_status: string;
  to_status: string;
  comment: string | null;
  shortfalls: ColumnType<unknown[], string | undefined, string>;
  at: Timestamp;
  by: string | null;
}

// 0030_outcome_applications (issue 18 items 6 and 8)
export type OutcomeApplicationStatus = 'submitted' | 'deposited' | 'refused' | 'withdrawn';
export interface OutcomeApplicationsTable {
  id: Generated<string>;
  learner_id: string;
  user_id: string;
  school_id: string;
  province_code: string;
  city_code: string | null;
  outcome_type: OutcomeType;
  name: string;
  issuer: string;
  level: string | null;
  credits: Numeric;
  hours: ColumnType<string | null, number | string | null | undefined, number | string | null>;
  obtained_on: DateCol;
  evidence_file_id: string;
  note: string | null;
  status: ColumnType<OutcomeApplicationStatus, OutcomeApplicationStatus | undefined, OutcomeApplicationStatus>;
  deposited_credits: ColumnType<string | null, number | string | null | undefined, number | string | null>;
  learning_outcome_id: string | null;
  reason: string | null;
  created_at: Timestamp;
  decided_at: NullableTimestamp;
  decided_by: string | null;
}
export interface LearningAccountImportsTable {
  id: Generated<string>;
  account_id: string;
  format: string;
  issuer_url: string;
  sha256: string;
  outcomes: number;
  written: number;
  created_at: Timestamp;
  created_by: string | null;
}

export interface DB {
  // 0027_policies
  policy_documents: PolicyDocumentsTable;
  policy_rules: PolicyRulesTable;
  // 0031_social_learners
  social_exam_fees: SocialExamFeesTable;
  social_applications: SocialApplicationsTable;
  social_application_documents: SocialApplicationDocumentsTable;
  org_fee_notices: OrgFeeNoticesTable; // 0040
  // 0035_typical_cases, 0036_training
  typical_case_collections: TypicalCaseCollectionsTable;
  typical_cases: TypicalCasesTable;
  typical_case_images: TypicalCaseImagesTable;
  training_plans: TrainingPlansTable;
  training_plan_events: TrainingPlanEventsTable;
  training_records: TrainingRecordsTable;
  teacher_qualifications: TeacherQualificationsTable;
  consultations: ConsultationsTable;
  // 0029_pilot_acceptance
  pilot_task_books: PilotTaskBooksTable;
  pilot_milestones: PilotMilestonesTable;
  pilot_course_mappings: PilotCourseMappingsTable;
  pilot_acceptance_events: PilotAcceptanceEventsTable;
  // 0030_outcome_applications
  outcome_applications: OutcomeApplicationsTable;
  learning_account_imports: LearningAccountImportsTable;
  learning_outcome_credentials: { learning_outcome_id: string; credential: ColumnType<Record<string, unknown>, string, string> };
  // 0026_export_jobs
  export_jobs: ExportJobsTable;
  fund_budgets: FundBudgetsTable;
  fund_budget_lines: FundBudgetLinesTable;
  fund_budget_events: FundBudgetEventsTable;
  fund_budget_adjustments: FundBudgetAdjustmentsTable;
  fund_entries: FundEntriesTable;
  fund_allocations: FundAllocationsTable;
  fund_allocation_shares: FundAllocationSharesTable;
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
  // 0014_key_check_audit_anchor
  secret_key_check: SecretKeyCheckTable;
  audit_checkpoints: AuditCheckpointsTable;
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
  // 0004_filings
  filing_rounds: FilingRoundsTable;
  filings: FilingsTable;
  filing_majors: FilingMajorsTable;
  filing_attachments: FilingAttachmentsTable;
  filing_expert_assignments: FilingExpertAssignmentsTable;
  filing_events: FilingEventsTable;
  filing_rule_overrides: FilingRuleOverridesTable;
  filing_change_requests: FilingChangeRequestsTable;
  filing_annual_plans: FilingAnnualPlansTable;
  notifications: NotificationsTable;
  // 0005_filing_extras
  certificate_pass_rates: CertificatePassRatesTable;
  // 0006_exams
  learners: LearnersTable;
  pilot_agreements: PilotAgreementsTable;
  pilot_agreement_fees: PilotAgreementFeesTable;
  pilot_agreement_events: PilotAgreementEventsTable;
  score_reviews: ScoreReviewsTable;
  filing_scale_events: FilingScaleEventsTable;
  exam_sites: ExamSitesTable;
  exam_sessions: ExamSessionsTable;
  exam_session_events: ExamSessionEventsTable;
  exam_registrations: ExamRegistrationsTable;
  result_imports: ResultImportsTable;
  exam_results: ExamResultsTable;
  exam_invigilations: ExamInvigilationsTable;
  fee_settlements: FeeSettlementsTable;
  // 0008_results_import (a view)
  exam_result_facts: ExamResultFactsView;
  // 0010_certificates
  issuer_keys: IssuerKeysTable;
  status_lists: StatusListsTable;
  certificates: CertificatesTable;
  credential_batches: CredentialBatchesTable;
  platform_keys: PlatformKeysTable;
  stat_counts: StatCountsTable;
  stat_pilots: StatPilotsTable;
  stat_meta: StatMetaTable;
  credential_wallet_copies: CredentialWalletCopiesTable;
  // 0015_security_events
  security_events: SecurityEventsTable;
  certificate_share_links: CertificateShareLinksTable;
  certificate_pdf_jobs: CertificatePdfJobsTable;
  learning_accounts: LearningAccountsTable;
  credit_outcomes: CreditOutcomesTable;
  learning_outcomes: LearningOutcomesTable;
  // 0011_credit_bank
  school_courses: SchoolCoursesTable;
  credit_bank_settings: CreditBankSettingsTable;
  recognition_rules: RecognitionRulesTable;
  recognition_rule_outcomes: RecognitionRuleOutcomesTable;
  recognition_rule_courses: RecognitionRuleCoursesTable;
  recognition_rule_events: RecognitionRuleEventsTable;
  conversion_applications: ConversionApplicationsTable;
  conversion_items: ConversionItemsTable;
  conversion_application_events: ConversionApplicationEventsTable;
  conversion_outcome_uses: ConversionOutcomeUsesTable;
  course_exemptions: CourseExemptionsTable;
  // 0018_supervision
  complaints: ComplaintsTable;
  complaint_events: ComplaintEventsTable;
  complaint_attachments: ComplaintAttachmentsTable;
  report_types: ReportTypesTable;
  report_duties: ReportDutiesTable;
  pilot_flags: PilotFlagsTable;
  pilot_cancellations: PilotCancellationsTable;
  inspectors: InspectorsTable;
  inspection_draws: InspectionDrawsTable;
  inspections: InspectionsTable;
  inspection_findings: InspectionFindingsTable;
  rectification_orders: RectificationOrdersTable;
  // 0034_notices
  notices: NoticesTable;
  notice_attachments: NoticeAttachmentsTable;
  notice_deliveries: NoticeDeliveriesTable;
  notice_reads: NoticeReadsTable;
  publicity_items: PublicityItemsTable;
  publicity_objections: PublicityObjectionsTable;
}

export type UserRow = Selectable<UsersTable>;

// 0018_supervision
export interface ComplaintsTable {
  id: Generated<string>;
  tracking_code: string;
  category: ComplaintCategory;
  subject_type: ComplaintSubjectType;
  subject_id: string;
  subject_name: string;
  subject_province_code: string | null;
  subject_city_code: string | null;
  content: string;
  contact_name_sealed: string | null;
  contact_phone_sealed: string | null;
  status: Generated<ComplaintStatus>;
  level: ComplaintLevel;
  province_code: string | null;
  city_code: string | null;
  /** A date (YYYY-MM-DD, China time); read back as a string (see db/database.ts type parsers). */
  deadline: string;
  escalations: Generated<number>;
  reply: string | null;
  filed_at: Timestamp;
  client_ip: string | null;
  updated_at: Timestamp;
  verdict: Generated<ComplaintVerdict | null>;
}
export interface ComplaintAttachmentsTable {
  id: Generated<string>;
  complaint_id: string;
  sha256: string;
  size: number;
  mime: 'application/pdf' | 'image/png' | 'image/jpeg';
  original_name: string;
  bytes: Buffer;
  created_at: Timestamp;
}
export interface ComplaintEventsTable {
  id: Generated<string>;
  complaint_id: string;
  at: Timestamp;
  actor_id: string | null;
  action: string;
  from_status: ComplaintStatus | null;
  to_status: ComplaintStatus;
  level: ComplaintLevel;
  province_code: string | null;
  city_code: string | null;
  comment: string | null;
}
export interface ReportTypesTable {
  id: Generated<string>;
  name: string;
  level: 'national' | 'province';
  province_code: string | null;
  reporter_kind: ReporterKind;
  period: ReportPeriod;
  due_dates: ColumnType<string[], string[] | undefined, string[]>;
  deadline_days: number;
  starts_on: string;
  fields: ColumnType<ReportField[], string, string>;
  required: boolean;
  miss_threshold: number;
  active: Generated<boolean>;
  created_at: Timestamp;
  created_by: string | null;
}
export interface ReportDutiesTable {
  id: Generated<string>;
  report_type_id: string;
  filing_id: string;
  province_code: string;
  city_code: string;
  school_id: string;
  department_id: string;
  period_start: string;
  period_end: string;
  due_date: string;
  status: Generated<ReportDutyStatus>;
  answers: ColumnType<Record<string, string | number> | null, string | null | undefined, string | null>;
  submitted_at: NullableTimestamp;
  submitted_by: string | null;
  late: Generated<boolean>;
  reviewed_at: NullableTimestamp;
  reviewed_by: string | null;
  opinion: string | null;
  created_at: Timestamp;
}
export interface PilotFlagsTable {
  id: Generated<string>;
  filing_id: string;
  province_code: string;
  city_code: string;
  school_id: string;
  kind: 'missed_reports';
  clause: string;
  jurisdiction: string;
  detail: string;
  report_type_id: string | null;
  flagged_at: Timestamp;
  cleared_at: NullableTimestamp;
}
export interface PilotCancellationsTable {
  id: Generated<string>;
  filing_id: string;
  province_code: string;
  city_code: string;
  school_id: string;
  ground: CancellationGround;
  clause: string;
  reason: string;
  evidence: ColumnType<{ kind: string; id: string }[], string, string>;
  cancelled_at: Timestamp;
  cancelled_by: string | null;
}
export interface InspectorsTable {
  id: Generated<string>;
  name: string;
  title: string | null;
  province_code: string | null;
  school_id: string | null;
  org_id: string | null;
  active: Generated<boolean>;
  created_at: Timestamp;
  created_by: string | null;
}
type Json<T> = ColumnType<T, string, string>;
export interface InspectionDrawsTable {
  id: Generated<string>;
  title: string;
  province_code: string | null;
  pool_kind: 'school' | 'organization';
  filters: Json<Record<string, string>>;
  seed: string;
  algorithm: string;
  candidate_ids: Json<string[]>;
  inspector_pool_ids: Json<string[]>;
  selected: Json<{ id: string; name: string }[]>;
  inspectors: Json<{ id: string; name: string }[]>;
  /** 0019: inspectors left out because they belong to a drawn party (linkedTo). */
  excluded_inspectors: DefaultJson<{ id: string; name: string; linkedTo: { id: string; name: string } }[]>;
  drawn_at: Timestamp;
  drawn_by: string | null;
  published_at: NullableTimestamp;
  result: string | null;
}
export interface InspectionsTable {
  id: Generated<string>;
  filing_id: string;
  province_code: string;
  city_code: string;
  school_id: string;
  title: string;
  inspector_level: 'national' | 'province' | 'school';
  planned_on: string;
  items: Json<{ key: string; label: string }[]>;
  status: Generated<InspectionStatus>;
  result: string | null;
  published_at: NullableTimestamp;
  created_at: Timestamp;
  created_by: string | null;
}
export interface InspectionFindingsTable {
  id: Generated<string>;
  inspection_id: string;
  item_key: string;
  finding: string;
  issue: boolean;
  file_ids: Json<string[]>;
  created_at: Timestamp;
  created_by: string | null;
}
export interface RectificationOrdersTable {
  id: Generated<string>;
  inspection_id: string;
  round: number;
  requirement: string;
  deadline: string;
  status: Generated<RectificationStatus>;
  report: string | null;
  report_file_ids: ColumnType<string[], string | undefined, string>;
  reported_at: NullableTimestamp;
  decided_at: NullableTimestamp;
  decision_comment: string | null;
  created_at: Timestamp;
}

// 0035_typical_cases (issue 14 item 3, R9.2)
export interface TypicalCaseCollectionsTable {
  id: Generated<string>;
  province_code: string;
  title: string;
  year: number;
  deadline: DateCol;
  categories: Json<string[]>;
  criteria: Json<{ key: string; label: string; maxScore: number }[]>;
  description: string | null;
  status: ColumnType<'open' | 'published', 'open' | 'published' | undefined, 'open' | 'published'>;
  published_at: NullableTimestamp;
  created_at: Timestamp;
  created_by: string | null;
}
export interface TypicalCasesTable {
  id: Generated<string>;
  collection_id: string;
  province_code: string;
  city_code: string;
  school_id: string;
  title: string;
  category: string;
  background: string;
  measures: string;
  outcomes: string;
  char_count: number;
  pdf_file_id: string | null;
  word_file_id: string | null;
  status: ColumnType<CaseStatus, CaseStatus | undefined, CaseStatus>;
  scores: NullableJson<Record<string, number>>;
  total_score: Numeric | null;
  review_comment: string | null;
  submitted_at: NullableTimestamp;
  reviewed_at: NullableTimestamp;
  reviewed_by: string | null;
  created_at: Timestamp;
  created_by: string | null;
  updated_at: Timestamp;
}
export interface TypicalCaseImagesTable {
  case_id: string;
  file_id: string;
  caption: string | null;
  sort_order: number;
}

// 0036_training (issue 14 items 4 and 5, R9.3)
export interface TrainingPlansTable {
  id: Generated<string>;
  filing_id: string;
  province_code: string;
  city_code: string;
  school_id: string;
  department_id: string;
  year: number;
  kind: TrainingKind;
  title: string;
  planned_trainees: number;
  content: string;
  status: ColumnType<TrainingPlanStatus, TrainingPlanStatus | undefined, TrainingPlanStatus>;
  created_at: Timestamp;
  created_by: string | null;
  updated_at: Timestamp;
}
export interface TrainingPlanEventsTable {
  id: Generated<string>;
  seq: Generated<string>;
  plan_id: string;
  action: string;
  from_status: string;
  to_status: string;
  actor_id: string | null;
  actor_name: string;
  comment: string | null;
  at: Timestamp;
}
export interface TrainingRecordsTable {
  id: Generated<string>;
  filing_id: string;
  plan_id: string | null;
  province_code: string;
  city_code: string;
  school_id: string;
  department_id: string;
  kind: TrainingKind;
  teacher_name: string;
  course: string;
  provider: string;
  start_date: DateCol;
  days: number;
  hours: Numeric;
  fee_fen: number;
  standard_fen: number;
  fee_above_standard: boolean;
  workload_hours: Numeric;
  created_at: Timestamp;
  created_by: string | null;
}
export interface TeacherQualificationsTable {
  id: Generated<string>;
  province_code: string;
  city_code: string;
  school_id: string;
  teacher_name: string;
  kind: QualificationKind;
  certificate_type_id: string;
  level: CertificateLevel | null;
  number: string;
  issued_on: DateCol;
  evidence_file_id: string;
  created_at: Timestamp;
  created_by: string | null;
}
export interface ConsultationsTable {
  id: Generated<string>;
  org_id: string;
  certificate_type_id: string | null;
  asker_user_id: string;
  asker_role: string;
  school_id: string | null;
  province_code: string | null;
  question: string;
  answer: string | null;
  answered_at: NullableTimestamp;
  answered_by: string | null;
  published: ColumnType<boolean, boolean | undefined, boolean>;
  asked_at: Timestamp;
}
// 0034_notices (issue 14 #1–2)
export interface NoticesTable {
  id: Generated<string>;
  level: NoticeLevel;
  province_code: string | null;
  org_id: string | null;
  certificate_type_id: string | null;
  category: NoticeCategory;
  title: string;
  body_html: string;
  is_public: boolean;
  audience_roles: ColumnType<Role[], Role[] | undefined, Role[]>;
  audience_province_codes: ColumnType<string[], string[] | undefined, string[]>;
  publisher_name: string;
  published_at: Timestamp;
  created_by: string;
}
export interface NoticeAttachmentsTable {
  notice_id: string;
  file_id: string;
  position: number;
}
export interface NoticeDeliveriesTable {
  id: Generated<string>;
  notice_id: string;
  recipient_kind: 'city' | 'school';
  province_code: string;
  city_code: string;
  school_id: string | null;
  forwarded_at: Timestamp;
  forwarded_by: string;
  read_at: NullableTimestamp;
  read_by: string | null;
}
export interface NoticeReadsTable {
  notice_id: string;
  user_id: string;
  read_at: Timestamp;
}
export interface PublicityItemsTable {
  id: Generated<string>;
  subject_type: PublicitySubjectType;
  subject_id: string;
  title: string;
  note: string | null;
  province_code: string | null;
  org_id: string | null;
  complaint_subject_type: ComplaintSubjectType;
  complaint_subject_id: string;
  columns: ColumnType<{ key: string; label: string }[], string, string>;
  rows: ColumnType<Record<string, string | number | null>[], string, string>;
  starts_on: DateCol;
  days: number;
  ends_on: DateCol;
  created_at: Timestamp;
  created_by: string;
}
export interface PublicityObjectionsTable {
  complaint_id: string;
  item_id: string;
  filed_at: Timestamp;
}
