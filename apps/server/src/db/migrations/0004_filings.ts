/**
 * Pilot project filing and review (R3): rounds, filings (备案表 + 论证报告 as validated jsonb sections, the plan
 * table as rows), attachments, expert assignments and scores, the filing event ledger, province overrides of a
 * blocking rule (R3.9), change requests (R3.7), annual plans (R3.8) and notifications (R3.11).
 * Every table carries province_code (sharding key, scope filter).
 */
export const sql = /* sql */ `
CREATE TABLE filing_rounds (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  province_code text NOT NULL REFERENCES regions (code),
  name text NOT NULL,
  year integer NOT NULL CHECK (year BETWEEN 2000 AND 2100),
  type text NOT NULL CHECK (type IN ('centralized', 'rolling')),
  status text NOT NULL DEFAULT 'draft' CHECK (status IN ('draft', 'open', 'closed', 'results_published')),
  school_submission_deadline timestamptz,
  municipal_review_deadline timestamptz,
  provincial_review_deadline timestamptz,
  admitted_batch_codes text[] NOT NULL DEFAULT '{}',
  major_catalog_edition text NOT NULL,
  review_criteria jsonb NOT NULL DEFAULT '[]' CHECK (jsonb_typeof(review_criteria) = 'array'),
  rule_overrides jsonb NOT NULL DEFAULT '{}' CHECK (jsonb_typeof(rule_overrides) = 'object'),
  required_attachments text[] NOT NULL
    DEFAULT ARRAY['filing_form_scan', 'feasibility_report_scan', 'work_plan', 'cooperation_agreement']::text[],
  description text,
  created_at timestamptz NOT NULL,
  created_by uuid REFERENCES users (id),
  updated_at timestamptz NOT NULL,
  published_at timestamptz,
  CHECK (type = 'rolling' OR school_submission_deadline IS NOT NULL),
  UNIQUE (province_code, name)
);
CREATE INDEX filing_rounds_province_idx ON filing_rounds (province_code, year);

CREATE TABLE filings (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  round_id uuid NOT NULL REFERENCES filing_rounds (id),
  province_code text NOT NULL REFERENCES regions (code),
  city_code text NOT NULL REFERENCES regions (code),
  school_id uuid NOT NULL REFERENCES schools (id),
  department_id uuid NOT NULL REFERENCES departments (id),
  certificate_type_id uuid NOT NULL REFERENCES certificate_types (id),
  year integer NOT NULL CHECK (year BETWEEN 2000 AND 2100),
  levels text[] NOT NULL DEFAULT '{}' CHECK (levels <@ ARRAY['junior', 'intermediate', 'senior']::text[]),
  -- 中职 filings pass the municipal review (000 §二(三)); fixed when the filing is created.
  needs_municipal_review boolean NOT NULL,
  status text NOT NULL DEFAULT 'draft' CHECK (status IN ('draft', 'submitted', 'municipal_review', 'provincial_review',
    'approved', 'rejected', 'returned', 'published')),
  -- approved | rejected, kept after publication (status published)
  decision text CHECK (decision IN ('approved', 'rejected')),
  decision_comment text,
  project_leader_user_id uuid REFERENCES users (id),
  -- sections of 000 附件1 / 附件2, each validated by its zod schema in packages/shared/src/filings.ts
  leader jsonb,
  team jsonb,
  overview jsonb,
  opinions jsonb,
  course_support jsonb,
  feasibility jsonb,
  -- submission: the rule report, the school's reason per warning, the reviewer's decision per warning
  rule_report jsonb,
  warning_reasons jsonb NOT NULL DEFAULT '{}' CHECK (jsonb_typeof(warning_reasons) = 'object'),
  warning_decisions jsonb NOT NULL DEFAULT '{}' CHECK (jsonb_typeof(warning_decisions) = 'object'),
  -- when returned: the reviewer's comment per section
  return_comments jsonb NOT NULL DEFAULT '{}' CHECK (jsonb_typeof(return_comments) = 'object'),
  created_at timestamptz NOT NULL,
  created_by uuid REFERENCES users (id),
  updated_at timestamptz NOT NULL,
  submitted_at timestamptz,
  decided_at timestamptz,
  published_at timestamptz,
  UNIQUE (school_id, round_id, certificate_type_id)
);
CREATE INDEX filings_round_idx ON filings (round_id, status);
CREATE INDEX filings_province_idx ON filings (province_code, status);
CREATE INDEX filings_city_idx ON filings (city_code, status);
CREATE INDEX filings_school_idx ON filings (school_id, year);
CREATE INDEX filings_department_idx ON filings (department_id);
CREATE INDEX filings_type_idx ON filings (certificate_type_id, year);

-- 一、申报计划: one row per major (000 附件1 注).
CREATE TABLE filing_majors (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  filing_id uuid NOT NULL REFERENCES filings (id) ON DELETE CASCADE,
  province_code text NOT NULL REFERENCES regions (code),
  school_major_id uuid NOT NULL REFERENCES school_majors (id),
  major_code text NOT NULL,
  major_name text NOT NULL,
  enrolled_students integer NOT NULL CHECK (enrolled_students >= 0),
  full_time_teachers integer NOT NULL CHECK (full_time_teachers >= 0),
  planned_trainees integer NOT NULL CHECK (planned_trainees >= 0),
  sort_order integer NOT NULL DEFAULT 0,
  UNIQUE (filing_id, school_major_id)
);
CREATE INDEX filing_majors_major_idx ON filing_majors (school_major_id);

CREATE TABLE filing_attachments (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  filing_id uuid NOT NULL REFERENCES filings (id),
  province_code text NOT NULL REFERENCES regions (code),
  school_id uuid NOT NULL REFERENCES schools (id),
  kind text NOT NULL CHECK (kind IN ('filing_form_scan', 'feasibility_report_scan', 'work_plan', 'cooperation_agreement')),
  version integer NOT NULL CHECK (version >= 1),
  file_id uuid NOT NULL REFERENCES files (id),
  uploaded_at timestamptz NOT NULL,
  uploaded_by uuid REFERENCES users (id),
  UNIQUE (filing_id, kind, version)
);
CREATE INDEX filing_attachments_file_idx ON filing_attachments (file_id);

CREATE TABLE filing_expert_assignments (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  filing_id uuid NOT NULL REFERENCES filings (id),
  province_code text NOT NULL REFERENCES regions (code),
  expert_id uuid NOT NULL REFERENCES users (id),
  assigned_at timestamptz NOT NULL,
  assigned_by uuid REFERENCES users (id),
  -- {criterionKey: 0..100}; weighted_total = Σ score × weight / 100 over the round's criteria
  scores jsonb CHECK (scores IS NULL OR jsonb_typeof(scores) = 'object'),
  weighted_total numeric(5, 2),
  opinion text,
  scored_at timestamptz,
  UNIQUE (filing_id, expert_id)
);
CREATE INDEX filing_expert_assignments_expert_idx ON filing_expert_assignments (expert_id);

-- Append-only ledger of the workflow (R3.6): who, in which role, when, action, from, to, opinion.
CREATE TABLE filing_events (
  id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  filing_id uuid NOT NULL REFERENCES filings (id),
  province_code text NOT NULL REFERENCES regions (code),
  action text NOT NULL,
  from_status text NOT NULL,
  to_status text NOT NULL,
  opinion text,
  details jsonb NOT NULL DEFAULT '{}',
  actor_id uuid REFERENCES users (id),
  actor_role text,
  actor_name text,
  at timestamptz NOT NULL
);
CREATE INDEX filing_events_filing_idx ON filing_events (filing_id, at);

-- A province lifts a blocking rule for one school × certificate × year (R3.9: pass rate below 90%).
CREATE TABLE filing_rule_overrides (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  province_code text NOT NULL REFERENCES regions (code),
  school_id uuid NOT NULL REFERENCES schools (id),
  certificate_type_id uuid NOT NULL REFERENCES certificate_types (id),
  year integer NOT NULL CHECK (year BETWEEN 2000 AND 2100),
  rule_id text NOT NULL,
  reason text NOT NULL,
  created_at timestamptz NOT NULL,
  created_by uuid REFERENCES users (id),
  UNIQUE (school_id, certificate_type_id, year, rule_id)
);

-- R3.7: after approval, content, schedule or project leader change only by a written request the province records.
CREATE TABLE filing_change_requests (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  filing_id uuid NOT NULL REFERENCES filings (id),
  province_code text NOT NULL REFERENCES regions (code),
  city_code text NOT NULL REFERENCES regions (code),
  school_id uuid NOT NULL REFERENCES schools (id),
  kinds text[] NOT NULL CHECK (cardinality(kinds) > 0 AND kinds <@ ARRAY['content', 'schedule', 'leader']::text[]),
  reason text NOT NULL,
  -- the proposed new values, e.g. {"leader": {...}} in the shape of the filing's sections
  proposed jsonb NOT NULL DEFAULT '{}' CHECK (jsonb_typeof(proposed) = 'object'),
  application_file_id uuid REFERENCES files (id),
  status text NOT NULL DEFAULT 'submitted' CHECK (status IN ('submitted', 'recorded', 'refused', 'withdrawn')),
  requested_at timestamptz NOT NULL,
  requested_by uuid REFERENCES users (id),
  decided_at timestamptz,
  decided_by uuid REFERENCES users (id),
  decision_comment text
);
CREATE INDEX filing_change_requests_filing_idx ON filing_change_requests (filing_id, requested_at);
CREATE INDEX filing_change_requests_province_idx ON filing_change_requests (province_code, status);

-- R3.8: a year's plan (拟考证人数) of an approved filing, or the previous year's plan carried forward (沿用).
CREATE TABLE filing_annual_plans (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  filing_id uuid NOT NULL REFERENCES filings (id),
  round_id uuid REFERENCES filing_rounds (id),
  province_code text NOT NULL REFERENCES regions (code),
  city_code text NOT NULL REFERENCES regions (code),
  school_id uuid NOT NULL REFERENCES schools (id),
  certificate_type_id uuid NOT NULL REFERENCES certificate_types (id),
  year integer NOT NULL CHECK (year BETWEEN 2000 AND 2100),
  mode text NOT NULL CHECK (mode IN ('new', 'carry_forward')),
  planned_candidates integer NOT NULL CHECK (planned_candidates >= 0),
  carried_from_plan_id uuid REFERENCES filing_annual_plans (id),
  -- per major: [{schoolMajorId, majorName, plannedCandidates}]
  majors jsonb NOT NULL DEFAULT '[]' CHECK (jsonb_typeof(majors) = 'array'),
  status text NOT NULL DEFAULT 'draft' CHECK (status IN ('draft', 'submitted', 'accepted', 'returned')),
  created_at timestamptz NOT NULL,
  created_by uuid REFERENCES users (id),
  updated_at timestamptz NOT NULL,
  submitted_at timestamptz,
  UNIQUE (filing_id, year)
);
CREATE INDEX filing_annual_plans_province_idx ON filing_annual_plans (province_code, year);

-- R3.11: in-platform notifications to one user.
CREATE TABLE notifications (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  user_id uuid NOT NULL REFERENCES users (id),
  kind text NOT NULL,
  title text NOT NULL,
  body text NOT NULL DEFAULT '',
  link text,
  created_at timestamptz NOT NULL,
  read_at timestamptz
);
CREATE INDEX notifications_user_idx ON notifications (user_id, created_at DESC);
CREATE INDEX notifications_unread_idx ON notifications (user_id) WHERE read_at IS NULL;
`;
