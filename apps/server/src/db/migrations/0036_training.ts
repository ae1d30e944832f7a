/**
 * Teacher and assessor training (issue 14 item 4, R9.3) and the organizations' consultation desk (item 5):
 * training plans per pilot with their approval steps (粤生态职院〔2023〕18号 第六条（四）), training records with the
 * fee and the standard it was compared with (鄂教职成办函〔2021〕7号 三.4), teachers' own certificates with evidence,
 * and questions to an evaluation organization, answered and optionally published as FAQ (教职成司函〔2019〕36号 三.5).
 */
export const sql = /* sql */ `
CREATE TABLE training_plans (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  filing_id uuid NOT NULL REFERENCES filings (id),
  province_code text NOT NULL REFERENCES regions (code),
  city_code text NOT NULL REFERENCES regions (code),
  school_id uuid NOT NULL REFERENCES schools (id),
  department_id uuid NOT NULL REFERENCES departments (id),
  year integer NOT NULL,
  kind text NOT NULL CHECK (kind IN ('teacher', 'assessor')),
  title text NOT NULL,
  planned_trainees integer NOT NULL CHECK (planned_trainees > 0),
  content text NOT NULL,
  status text NOT NULL DEFAULT 'draft'
    CHECK (status IN ('draft', 'submitted', 'department_approved', 'approved', 'returned')),
  created_at timestamptz NOT NULL,
  created_by uuid REFERENCES users (id),
  updated_at timestamptz NOT NULL
);
CREATE INDEX training_plans_school_idx ON training_plans (school_id, year);
CREATE INDEX training_plans_province_idx ON training_plans (province_code, year);

CREATE TABLE training_plan_events (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  seq bigserial NOT NULL, -- the order of steps taken within the same instant
  plan_id uuid NOT NULL REFERENCES training_plans (id),
  action text NOT NULL,
  from_status text NOT NULL,
  to_status text NOT NULL,
  actor_id uuid REFERENCES users (id),
  actor_name text NOT NULL,
  comment text,
  at timestamptz NOT NULL
);
CREATE INDEX training_plan_events_plan_idx ON training_plan_events (plan_id, seq);

CREATE TABLE training_records (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  filing_id uuid NOT NULL REFERENCES filings (id),
  plan_id uuid REFERENCES training_plans (id),
  province_code text NOT NULL REFERENCES regions (code),
  city_code text NOT NULL REFERENCES regions (code),
  school_id uuid NOT NULL REFERENCES schools (id),
  department_id uuid NOT NULL REFERENCES departments (id),
  kind text NOT NULL CHECK (kind IN ('teacher', 'assessor')),
  teacher_name text NOT NULL,
  course text NOT NULL,
  provider text NOT NULL,
  start_date date NOT NULL,
  days integer NOT NULL CHECK (days > 0),
  hours numeric(6, 1) NOT NULL CHECK (hours >= 0),
  fee_fen integer NOT NULL CHECK (fee_fen >= 0),
  standard_fen integer NOT NULL,
  fee_above_standard boolean NOT NULL,
  workload_hours numeric(6, 1) NOT NULL CHECK (workload_hours >= 0),
  created_at timestamptz NOT NULL,
  created_by uuid REFERENCES users (id)
);
CREATE INDEX training_records_school_idx ON training_records (school_id, start_date);
CREATE INDEX training_records_filing_idx ON training_records (filing_id);

CREATE TABLE teacher_qualifications (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  province_code text NOT NULL REFERENCES regions (code),
  city_code text NOT NULL REFERENCES regions (code),
  school_id uuid NOT NULL REFERENCES schools (id),
  teacher_name text NOT NULL,
  kind text NOT NULL CHECK (kind IN ('x_certificate', 'assessor')),
  certificate_type_id uuid NOT NULL REFERENCES certificate_types (id),
  level text CHECK (level IN ('junior', 'intermediate', 'senior')),
  number text NOT NULL,
  issued_on date NOT NULL,
  evidence_file_id uuid NOT NULL REFERENCES files (id),
  created_at timestamptz NOT NULL,
  created_by uuid REFERENCES users (id)
);
CREATE INDEX teacher_qualifications_school_idx ON teacher_qualifications (school_id, certificate_type_id);

CREATE TABLE consultations (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  org_id uuid NOT NULL REFERENCES evaluation_orgs (id),
  certificate_type_id uuid REFERENCES certificate_types (id),
  asker_user_id uuid NOT NULL REFERENCES users (id),
  asker_role text NOT NULL,
  school_id uuid REFERENCES schools (id),
  province_code text REFERENCES regions (code),
  question text NOT NULL,
  answer text,
  answered_at timestamptz,
  answered_by uuid REFERENCES users (id),
  published boolean NOT NULL DEFAULT false,
  asked_at timestamptz NOT NULL
);
CREATE INDEX consultations_org_idx ON consultations (org_id, asked_at);
CREATE INDEX consultations_asker_idx ON consultations (asker_user_id);
CREATE INDEX consultations_public_idx ON consultations (org_id) WHERE published;
`;
