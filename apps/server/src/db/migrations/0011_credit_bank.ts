/**
 * The credit bank (issue 7; R7.2–R7.5), on top of the accounts, ledger and outcome catalog of 0010:
 * - school_courses: each school's course catalog, per major (programme) or for every major, with its category
 *   (公共基础课, 思想政治理论课, 体育, 专业基础课/核心课/拓展课, 实践课), credits and hours.
 * - credit_bank_settings: a school's caps (converted credits ≤ x % of the programme's professional-course credits and
 *   ≤ y % of its public-course credits) and excluded categories; the platform's defaults apply without a row.
 * - recognition_rules (+ rule outcomes, rule courses): per school and major; outcomes of the catalog → courses, with
 *   the credits granted and the grade recorded; draft → published → withdrawn (events in recognition_rule_events).
 * - conversion_applications (+ items, events): a learner's application at its school; each item is one rule × course
 *   with the verdict the platform proposed (allowed / refused with a reason code and explanation) and the decision.
 * - conversion_outcome_uses: one row per outcome entry a conversion used — the primary key makes "each outcome at
 *   most once" a database fact.
 * - course_exemptions (免修): one per account and course, citing its rule, application and the ledger entry of its credits.
 * The account read (GET /me/learning-account) is an index range scan on learning_outcomes_account_idx (0010).
 * Every table carries province_code and school_id for scope (and Citus-style sharding by province).
 */
export const sql = /* sql */ `
CREATE TABLE school_courses (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  school_id uuid NOT NULL REFERENCES schools (id),
  province_code text NOT NULL REFERENCES regions (code),
  school_major_id uuid REFERENCES school_majors (id),
  code text NOT NULL CHECK (length(code) BETWEEN 1 AND 30),
  name text NOT NULL CHECK (length(name) BETWEEN 1 AND 100),
  category text NOT NULL CHECK (category IN ('public_basic', 'ideological', 'physical', 'professional_basic',
                                             'professional_core', 'professional_elective', 'practice')),
  credits numeric(4, 1) NOT NULL CHECK (credits > 0),
  hours integer NOT NULL CHECK (hours >= 0),
  exemptible boolean NOT NULL DEFAULT true,
  created_at timestamptz NOT NULL,
  created_by uuid REFERENCES users (id),
  updated_at timestamptz,
  UNIQUE (school_id, code)
);
CREATE INDEX school_courses_major_idx ON school_courses (school_major_id);

CREATE TABLE credit_bank_settings (
  school_id uuid PRIMARY KEY REFERENCES schools (id),
  province_code text NOT NULL REFERENCES regions (code),
  professional_cap_percent numeric(5, 2) NOT NULL CHECK (professional_cap_percent BETWEEN 0 AND 100),
  public_cap_percent numeric(5, 2) NOT NULL CHECK (public_cap_percent BETWEEN 0 AND 100),
  excluded_categories text[] NOT NULL DEFAULT '{}',
  basis text,
  updated_at timestamptz NOT NULL,
  updated_by uuid REFERENCES users (id)
);

CREATE TABLE recognition_rules (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  school_id uuid NOT NULL REFERENCES schools (id),
  province_code text NOT NULL REFERENCES regions (code),
  school_major_id uuid NOT NULL REFERENCES school_majors (id),
  code text NOT NULL CHECK (length(code) BETWEEN 1 AND 30),
  name text NOT NULL CHECK (length(name) BETWEEN 1 AND 100),
  status text NOT NULL DEFAULT 'draft' CHECK (status IN ('draft', 'published', 'withdrawn')),
  valid_from date,
  valid_to date,
  max_outcome_age_years integer CHECK (max_outcome_age_years BETWEEN 1 AND 20),
  basis text,
  note text,
  created_at timestamptz NOT NULL,
  created_by uuid REFERENCES users (id),
  updated_at timestamptz NOT NULL,
  published_at timestamptz,
  published_by uuid REFERENCES users (id),
  withdrawn_at timestamptz,
  UNIQUE (school_id, code),
  CHECK (valid_from IS NULL OR valid_to IS NULL OR valid_from <= valid_to),
  CHECK ((status = 'draft') = (published_at IS NULL)),
  CHECK ((status = 'withdrawn') = (withdrawn_at IS NOT NULL))
);
CREATE INDEX recognition_rules_major_idx ON recognition_rules (school_major_id, status);
CREATE INDEX recognition_rules_province_idx ON recognition_rules (province_code);

CREATE TABLE recognition_rule_outcomes (
  rule_id uuid NOT NULL REFERENCES recognition_rules (id) ON DELETE CASCADE,
  credit_outcome_id uuid NOT NULL REFERENCES credit_outcomes (id),
  PRIMARY KEY (rule_id, credit_outcome_id)
);
CREATE INDEX recognition_rule_outcomes_outcome_idx ON recognition_rule_outcomes (credit_outcome_id);

CREATE TABLE recognition_rule_courses (
  rule_id uuid NOT NULL REFERENCES recognition_rules (id) ON DELETE CASCADE,
  course_id uuid NOT NULL REFERENCES school_courses (id),
  credits numeric(4, 1) NOT NULL CHECK (credits > 0),
  grade text NOT NULL CHECK (length(grade) BETWEEN 1 AND 20),
  sort_order integer NOT NULL DEFAULT 0,
  PRIMARY KEY (rule_id, course_id)
);
CREATE INDEX recognition_rule_courses_course_idx ON recognition_rule_courses (course_id);

CREATE TABLE recognition_rule_events (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  rule_id uuid NOT NULL REFERENCES recognition_rules (id) ON DELETE CASCADE,
  action text NOT NULL,
  from_status text NOT NULL,
  to_status text NOT NULL,
  comment text,
  actor_id uuid REFERENCES users (id),
  at timestamptz NOT NULL
);
CREATE INDEX recognition_rule_events_rule_idx ON recognition_rule_events (rule_id, at);

CREATE TABLE conversion_applications (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  account_id uuid NOT NULL REFERENCES learning_accounts (id),
  learner_id uuid NOT NULL REFERENCES learners (id),
  school_id uuid NOT NULL REFERENCES schools (id),
  province_code text NOT NULL REFERENCES regions (code),
  school_major_id uuid NOT NULL REFERENCES school_majors (id),
  status text NOT NULL DEFAULT 'submitted' CHECK (status IN ('submitted', 'approved', 'refused', 'withdrawn')),
  applied_on date NOT NULL,
  applied_via text NOT NULL CHECK (applied_via IN ('learner', 'school')),
  note text,
  decision_reason text,
  decided_at timestamptz,
  decided_by uuid REFERENCES users (id),
  created_at timestamptz NOT NULL,
  created_by uuid REFERENCES users (id),
  updated_at timestamptz NOT NULL
);
CREATE INDEX conversion_applications_school_idx ON conversion_applications (school_id, status, created_at);
CREATE INDEX conversion_applications_account_idx ON conversion_applications (account_id, created_at);
CREATE INDEX conversion_applications_province_idx ON conversion_applications (province_code, created_at);
-- one application waiting for a decision per account and school
CREATE UNIQUE INDEX conversion_applications_pending_idx ON conversion_applications (account_id, school_id) WHERE status = 'submitted';

CREATE TABLE conversion_items (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  application_id uuid NOT NULL REFERENCES conversion_applications (id),
  seq integer NOT NULL,
  rule_id uuid NOT NULL REFERENCES recognition_rules (id),
  course_id uuid NOT NULL REFERENCES school_courses (id),
  outcome_ids uuid[] NOT NULL,
  credits numeric(4, 1) NOT NULL CHECK (credits >= 0),
  grade text NOT NULL,
  verdict text NOT NULL CHECK (verdict IN ('allowed', 'refused')),
  reason_code text CHECK (reason_code IN ('outcome_missing', 'outcome_used', 'certificate_revoked', 'outcome_too_old',
                                          'rule_not_effective', 'course_excluded', 'course_already_exempt',
                                          'cap_professional', 'cap_public')),
  explanation text NOT NULL,
  status text NOT NULL DEFAULT 'proposed' CHECK (status IN ('proposed', 'approved', 'refused')),
  UNIQUE (application_id, seq),
  CHECK ((verdict = 'refused') = (reason_code IS NOT NULL))
);

CREATE TABLE conversion_application_events (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  application_id uuid NOT NULL REFERENCES conversion_applications (id),
  province_code text NOT NULL REFERENCES regions (code),
  action text NOT NULL,
  from_status text NOT NULL,
  to_status text NOT NULL,
  comment text,
  actor_id uuid REFERENCES users (id),
  at timestamptz NOT NULL
);
CREATE INDEX conversion_application_events_app_idx ON conversion_application_events (application_id, at);

-- Each outcome entry is used by at most one conversion (R7.2 "each outcome used at most once").
CREATE TABLE conversion_outcome_uses (
  learning_outcome_id uuid PRIMARY KEY REFERENCES learning_outcomes (id),
  account_id uuid NOT NULL REFERENCES learning_accounts (id),
  application_id uuid NOT NULL REFERENCES conversion_applications (id),
  rule_id uuid NOT NULL REFERENCES recognition_rules (id),
  school_id uuid NOT NULL REFERENCES schools (id),
  province_code text NOT NULL REFERENCES regions (code),
  used_at timestamptz NOT NULL
);
CREATE INDEX conversion_outcome_uses_account_idx ON conversion_outcome_uses (account_id);

CREATE TABLE course_exemptions (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  account_id uuid NOT NULL REFERENCES learning_accounts (id),
  learner_id uuid NOT NULL REFERENCES learners (id),
  school_id uuid NOT NULL REFERENCES schools (id),
  province_code text NOT NULL REFERENCES regions (code),
  school_major_id uuid NOT NULL REFERENCES school_majors (id),
  course_id uuid NOT NULL REFERENCES school_courses (id),
  credits numeric(4, 1) NOT NULL CHECK (credits >= 0),
  grade text NOT NULL,
  rule_id uuid NOT NULL REFERENCES recognition_rules (id),
  application_id uuid NOT NULL REFERENCES conversion_applications (id),
  item_id uuid NOT NULL UNIQUE REFERENCES conversion_items (id),
  outcome_ids uuid[] NOT NULL,
  learning_outcome_id uuid NOT NULL UNIQUE REFERENCES learning_outcomes (id),
  granted_on date NOT NULL,
  created_at timestamptz NOT NULL,
  created_by uuid REFERENCES users (id),
  UNIQUE (account_id, course_id)
);
CREATE INDEX course_exemptions_school_idx ON course_exemptions (school_id, school_major_id);

-- A school's list of its learners' accounts, by name.
CREATE INDEX learning_accounts_holder_idx ON learning_accounts (school_id, holder_name);
`;
