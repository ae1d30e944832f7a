/**
 * Exams (issue 5; R4.1–R4.4, R5): learners (personal ID numbers encrypted + blind index), pilot cooperation
 * agreements and their negotiated fees, exam sites, exam sessions, voluntary registrations, results (append-only
 * history), results imports (jobs), invigilation and fee settlements.
 * Every table carries province_code (sharding key, scope filter) where a province is known.
 */
export const sql = /* sql */ `
-- Learners: pilot students enrolled by their school, or social learners (社会学习者) who register themselves.
-- The ID number is stored encrypted (AES-256-GCM, base64 of iv ‖ tag ‖ ciphertext), found by a keyed hash
-- (HMAC-SHA256 of the normalized number) and shown masked from its last four characters.
CREATE TABLE learners (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  user_id uuid UNIQUE REFERENCES users (id),
  kind text NOT NULL CHECK (kind IN ('pilot_student', 'social')),
  school_id uuid REFERENCES schools (id),
  province_code text REFERENCES regions (code),
  city_code text REFERENCES regions (code),
  department_id uuid REFERENCES departments (id),
  school_major_id uuid REFERENCES school_majors (id),
  class_name text,
  name text NOT NULL CHECK (length(name) BETWEEN 1 AND 50),
  id_type text NOT NULL CHECK (id_type IN ('id_card', 'hmt_residence_permit', 'passport')),
  id_number_enc text NOT NULL,
  id_number_hash text NOT NULL,
  id_number_last4 text NOT NULL,
  poverty_registered boolean NOT NULL DEFAULT false,
  activation_code_hash text,
  activation_expires_at timestamptz,
  activated_at timestamptz,
  created_at timestamptz NOT NULL,
  created_by uuid REFERENCES users (id),
  updated_at timestamptz,
  UNIQUE (id_type, id_number_hash),
  CHECK ((kind = 'pilot_student') = (school_id IS NOT NULL)),
  CHECK (kind = 'social' OR province_code IS NOT NULL)
);
CREATE INDEX learners_school_idx ON learners (school_id, created_at);
CREATE INDEX learners_province_idx ON learners (province_code);
CREATE INDEX learners_city_idx ON learners (city_code);
CREATE INDEX learners_department_idx ON learners (department_id);
CREATE INDEX learners_major_idx ON learners (school_major_id);

-- R4.1/R4.2: the cooperation agreement of an approved pilot (filing) with the certificate's organization.
CREATE TABLE pilot_agreements (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  filing_id uuid NOT NULL UNIQUE REFERENCES filings (id),
  school_id uuid NOT NULL REFERENCES schools (id),
  org_id uuid NOT NULL REFERENCES evaluation_orgs (id),
  certificate_type_id uuid NOT NULL REFERENCES certificate_types (id),
  province_code text NOT NULL REFERENCES regions (code),
  city_code text NOT NULL REFERENCES regions (code),
  signed_on date NOT NULL,
  file_id uuid NOT NULL REFERENCES files (id),
  note text,
  created_at timestamptz NOT NULL,
  created_by uuid REFERENCES users (id)
);
CREATE INDEX pilot_agreements_school_idx ON pilot_agreements (school_id, certificate_type_id);
CREATE INDEX pilot_agreements_org_idx ON pilot_agreements (org_id);
CREATE INDEX pilot_agreements_province_idx ON pilot_agreements (province_code);
CREATE INDEX pilot_agreements_city_idx ON pilot_agreements (city_code);
CREATE INDEX pilot_agreements_file_idx ON pilot_agreements (file_id);

-- The negotiated fee per level; the service refuses a fee above the level's cap (R1.2) at the time of recording.
CREATE TABLE pilot_agreement_fees (
  agreement_id uuid NOT NULL REFERENCES pilot_agreements (id) ON DELETE CASCADE,
  level text NOT NULL CHECK (level IN ('junior', 'intermediate', 'senior')),
  fee_fen integer NOT NULL CHECK (fee_fen >= 0),
  cap_fen integer NOT NULL CHECK (cap_fen >= 0),
  CHECK (fee_fen <= cap_fen),
  PRIMARY KEY (agreement_id, level)
);

-- R5.1: a school applies to an organization to host an exam site for a certificate.
CREATE TABLE exam_sites (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  org_id uuid NOT NULL REFERENCES evaluation_orgs (id),
  school_id uuid REFERENCES schools (id),
  province_code text NOT NULL REFERENCES regions (code),
  city_code text NOT NULL REFERENCES regions (code),
  certificate_type_id uuid NOT NULL REFERENCES certificate_types (id),
  name text NOT NULL,
  address text NOT NULL,
  capacity integer NOT NULL CHECK (capacity > 0),
  application_file_id uuid REFERENCES files (id),
  status text NOT NULL DEFAULT 'applied' CHECK (status IN ('applied', 'approved', 'refused')),
  open_shared boolean NOT NULL DEFAULT false,
  reason text,
  created_at timestamptz NOT NULL,
  created_by uuid REFERENCES users (id),
  decided_at timestamptz,
  decided_by uuid REFERENCES users (id),
  CHECK (NOT open_shared OR status = 'approved')
);
CREATE INDEX exam_sites_org_idx ON exam_sites (org_id, status);
CREATE INDEX exam_sites_school_idx ON exam_sites (school_id);
CREATE INDEX exam_sites_province_idx ON exam_sites (province_code, open_shared);
CREATE INDEX exam_sites_city_idx ON exam_sites (city_code);
CREATE INDEX exam_sites_type_idx ON exam_sites (certificate_type_id);

-- R5.2: an organization's exam session; statuses in packages/shared/src/exams.ts.
CREATE TABLE exam_sessions (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  org_id uuid NOT NULL REFERENCES evaluation_orgs (id),
  certificate_type_id uuid NOT NULL REFERENCES certificate_types (id),
  level text NOT NULL CHECK (level IN ('junior', 'intermediate', 'senior')),
  exam_site_id uuid NOT NULL REFERENCES exam_sites (id),
  province_code text NOT NULL REFERENCES regions (code),
  city_code text NOT NULL REFERENCES regions (code),
  exam_date date NOT NULL,
  exam_form text NOT NULL CHECK (exam_form IN ('paper', 'computer', 'practical_general', 'practical_special')),
  capacity integer NOT NULL CHECK (capacity > 0),
  registration_opens_at timestamptz NOT NULL,
  registration_closes_at timestamptz NOT NULL,
  status text NOT NULL DEFAULT 'planned' CHECK (status IN ('planned', 'registration_open', 'registration_closed',
    'examined', 'scores_entered', 'scores_published', 'closed')),
  scores_published_at timestamptz,
  created_at timestamptz NOT NULL,
  created_by uuid REFERENCES users (id),
  updated_at timestamptz,
  CHECK (registration_opens_at < registration_closes_at)
);
CREATE INDEX exam_sessions_org_idx ON exam_sessions (org_id, exam_date);
CREATE INDEX exam_sessions_province_idx ON exam_sessions (province_code, exam_date);
CREATE INDEX exam_sessions_city_idx ON exam_sessions (city_code);
CREATE INDEX exam_sessions_site_idx ON exam_sessions (exam_site_id);
CREATE INDEX exam_sessions_type_idx ON exam_sessions (certificate_type_id, level);

CREATE TABLE exam_session_events (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  session_id uuid NOT NULL REFERENCES exam_sessions (id),
  province_code text NOT NULL REFERENCES regions (code),
  action text NOT NULL,
  from_status text NOT NULL,
  to_status text NOT NULL,
  comment text,
  actor_id uuid REFERENCES users (id),
  at timestamptz NOT NULL
);
CREATE INDEX exam_session_events_session_idx ON exam_session_events (session_id, at);

-- R5.3 voluntary registration; R4.3: the school pays (payer is always 'school': no charge to a learner can exist).
CREATE TABLE exam_registrations (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  session_id uuid NOT NULL REFERENCES exam_sessions (id),
  learner_id uuid NOT NULL REFERENCES learners (id),
  school_id uuid REFERENCES schools (id),
  filing_id uuid REFERENCES filings (id),
  agreement_id uuid REFERENCES pilot_agreements (id),
  province_code text NOT NULL REFERENCES regions (code),
  org_id uuid NOT NULL REFERENCES evaluation_orgs (id),
  proposed_by uuid REFERENCES users (id),
  status text NOT NULL DEFAULT 'proposed' CHECK (status IN ('proposed', 'consented', 'registered', 'withdrawn', 'refused')),
  consent_at timestamptz,
  consent_via text CHECK (consent_via IN ('learner', 'paper')),
  consent_file_id uuid REFERENCES files (id),
  fee_fen integer NOT NULL DEFAULT 0 CHECK (fee_fen >= 0),
  fee_exempt boolean NOT NULL DEFAULT false,
  payer text NOT NULL DEFAULT 'school' CHECK (payer = 'school'),
  created_at timestamptz NOT NULL,
  updated_at timestamptz,
  UNIQUE (session_id, learner_id),
  CHECK (status NOT IN ('consented', 'registered') OR (consent_at IS NOT NULL AND consent_via IS NOT NULL)),
  CHECK (consent_via IS DISTINCT FROM 'paper' OR consent_file_id IS NOT NULL)
);
CREATE INDEX exam_registrations_session_idx ON exam_registrations (session_id, status);
CREATE INDEX exam_registrations_learner_idx ON exam_registrations (learner_id);
CREATE INDEX exam_registrations_school_idx ON exam_registrations (school_id, status);
CREATE INDEX exam_registrations_filing_idx ON exam_registrations (filing_id);
CREATE INDEX exam_registrations_agreement_idx ON exam_registrations (agreement_id);
CREATE INDEX exam_registrations_province_idx ON exam_registrations (province_code);
CREATE INDEX exam_registrations_org_idx ON exam_registrations (org_id);

-- R5.5: a results file, imported as a job; the same file (sha256) for a session writes once.
CREATE TABLE result_imports (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  session_id uuid NOT NULL REFERENCES exam_sessions (id),
  org_id uuid NOT NULL REFERENCES evaluation_orgs (id),
  province_code text NOT NULL REFERENCES regions (code),
  file_sha256 text NOT NULL,
  file_name text NOT NULL,
  file_id uuid REFERENCES files (id),
  kind text NOT NULL DEFAULT 'initial' CHECK (kind IN ('initial', 'correction')),
  correction_note text,
  status text NOT NULL DEFAULT 'queued' CHECK (status IN ('queued', 'running', 'succeeded', 'failed')),
  rows integer NOT NULL DEFAULT 0 CHECK (rows >= 0),
  passed integer NOT NULL DEFAULT 0 CHECK (passed >= 0),
  failed integer NOT NULL DEFAULT 0 CHECK (failed >= 0),
  progress integer NOT NULL DEFAULT 0 CHECK (progress BETWEEN 0 AND 100),
  errors jsonb NOT NULL DEFAULT '[]' CHECK (jsonb_typeof(errors) = 'array'),
  created_at timestamptz NOT NULL,
  created_by uuid REFERENCES users (id),
  started_at timestamptz,
  finished_at timestamptz,
  UNIQUE (session_id, file_sha256),
  CHECK (kind = 'initial' OR correction_note IS NOT NULL)
);
CREATE INDEX result_imports_org_idx ON result_imports (org_id, created_at);
CREATE INDEX result_imports_status_idx ON result_imports (status, created_at);
CREATE INDEX result_imports_province_idx ON result_imports (province_code);

-- Results: append-only; a correction inserts new rows and marks the old ones superseded.
CREATE TABLE exam_results (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  registration_id uuid NOT NULL REFERENCES exam_registrations (id),
  session_id uuid NOT NULL REFERENCES exam_sessions (id),
  province_code text NOT NULL REFERENCES regions (code),
  score numeric(5, 1) NOT NULL CHECK (score >= 0),
  passed boolean NOT NULL,
  import_id uuid NOT NULL REFERENCES result_imports (id),
  created_at timestamptz NOT NULL,
  superseded_at timestamptz,
  superseded_by_import_id uuid REFERENCES result_imports (id),
  CHECK ((superseded_at IS NULL) = (superseded_by_import_id IS NULL))
);
CREATE UNIQUE INDEX exam_results_current_idx ON exam_results (registration_id) WHERE superseded_at IS NULL;
CREATE INDEX exam_results_registration_idx ON exam_results (registration_id);
CREATE INDEX exam_results_session_idx ON exam_results (session_id, passed);
CREATE INDEX exam_results_import_idx ON exam_results (import_id);
CREATE INDEX exam_results_province_idx ON exam_results (province_code);

-- R5.4: invigilators assigned by the department, with their fees.
CREATE TABLE exam_invigilations (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  session_id uuid NOT NULL REFERENCES exam_sessions (id),
  school_id uuid NOT NULL REFERENCES schools (id),
  department_id uuid REFERENCES departments (id),
  province_code text NOT NULL REFERENCES regions (code),
  invigilator_name text NOT NULL,
  role text NOT NULL DEFAULT 'invigilator' CHECK (role IN ('chief', 'invigilator', 'patrol')),
  fee_fen integer NOT NULL DEFAULT 0 CHECK (fee_fen >= 0),
  created_at timestamptz NOT NULL,
  created_by uuid REFERENCES users (id)
);
CREATE INDEX exam_invigilations_session_idx ON exam_invigilations (session_id);
CREATE INDEX exam_invigilations_school_idx ON exam_invigilations (school_id);
CREATE INDEX exam_invigilations_department_idx ON exam_invigilations (department_id);

-- R4.4: what a school owes the organization for a session, computed from the registrations; the school settles.
CREATE TABLE fee_settlements (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  session_id uuid NOT NULL REFERENCES exam_sessions (id),
  school_id uuid NOT NULL REFERENCES schools (id),
  org_id uuid NOT NULL REFERENCES evaluation_orgs (id),
  province_code text NOT NULL REFERENCES regions (code),
  due_fen integer NOT NULL CHECK (due_fen >= 0),
  exempt_count integer NOT NULL DEFAULT 0 CHECK (exempt_count >= 0),
  registered_count integer NOT NULL DEFAULT 0 CHECK (registered_count >= 0),
  computed_at timestamptz NOT NULL,
  settled_at timestamptz,
  settled_by uuid REFERENCES users (id),
  note text,
  UNIQUE (session_id, school_id),
  CHECK (exempt_count <= registered_count)
);
CREATE INDEX fee_settlements_school_idx ON fee_settlements (school_id);
CREATE INDEX fee_settlements_org_idx ON fee_settlements (org_id);
CREATE INDEX fee_settlements_province_idx ON fee_settlements (province_code);
`;
