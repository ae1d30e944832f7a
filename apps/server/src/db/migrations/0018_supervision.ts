/**
 * Supervision (issue 13; R8):
 * - complaints (R8.5): filed without an account, found again by a random tracking code; routed to the administrator
 *   whose scope holds the subject (handler level city | province | national, with the handler's region codes, which
 *   are the scope columns); the complainant's contact is sealed (AES-256-GCM, lib/secret-box); the handling deadline
 *   is a date (China time). complaint_events is the append-only history (filed, accept, transfer, reply, close,
 *   escalate).
 * - report_types / report_duties (R8.1): reporting duties as data — a province or the national administrator defines
 *   who reports, how often, the form's fields and the deadline; one duty per approved pilot and period (unique), with
 *   the answers, the review and its opinion.
 * - pilot_flags: a pilot flagged for cancellation, citing the clause of the rule and whose rule it is (jurisdiction);
 *   one open flag per pilot and kind.
 * - pilot_cancellations (R8.3): one per pilot, with its ground (001 §十九), the clause, the reason and evidence links;
 *   filings.cancelled_at is the fact registrations and annual plans check. The pilot's history stays.
 * - inspectors / inspection_draws (R8.4, 双随机一公开): the pool (with the school or organization each inspector
 *   belongs to) and each draw with its seed, algorithm, the sorted candidate lists it ran over and what it drew.
 * - inspections (R8.2, 001 第十八条) of a pilot with their items, findings per item (evidence files) and
 *   rectification orders (a deadline each; a re-order is a new row of the next round).
 */
export const sql = /* sql */ `
CREATE TABLE complaints (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  tracking_code text NOT NULL UNIQUE CHECK (length(tracking_code) >= 12),
  category text NOT NULL CHECK (category IN ('bundled_sales', 'overcharging', 'unlawful_training', 'forced_registration',
                                             'certificate_as_graduation', 'training_fee_charged', 'other')),
  subject_type text NOT NULL CHECK (subject_type IN ('school', 'organization', 'certificateType')),
  subject_id uuid NOT NULL,
  subject_name text NOT NULL,
  subject_province_code text REFERENCES regions (code),
  subject_city_code text REFERENCES regions (code),
  content text NOT NULL CHECK (length(content) BETWEEN 1 AND 2000),
  contact_name_sealed text,
  contact_phone_sealed text,
  status text NOT NULL DEFAULT 'received' CHECK (status IN ('received', 'in_progress', 'replied', 'closed')),
  level text NOT NULL CHECK (level IN ('city', 'province', 'national')),
  province_code text REFERENCES regions (code),
  city_code text REFERENCES regions (code),
  CHECK ((level = 'national' AND province_code IS NULL AND city_code IS NULL)
      OR (level = 'province' AND province_code IS NOT NULL AND city_code IS NULL)
      OR (level = 'city' AND province_code IS NOT NULL AND city_code IS NOT NULL)),
  deadline date NOT NULL,
  escalations integer NOT NULL DEFAULT 0,
  reply text,
  filed_at timestamptz NOT NULL,
  client_ip text,
  updated_at timestamptz NOT NULL
);
CREATE INDEX complaints_province_idx ON complaints (province_code, filed_at DESC);
CREATE INDEX complaints_city_idx ON complaints (city_code, filed_at DESC);
CREATE INDEX complaints_open_deadline_idx ON complaints (deadline) WHERE status IN ('received', 'in_progress');

CREATE TABLE complaint_events (
  id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  complaint_id uuid NOT NULL REFERENCES complaints (id),
  at timestamptz NOT NULL,
  actor_id uuid REFERENCES users (id),
  action text NOT NULL,
  from_status text,
  to_status text NOT NULL,
  level text NOT NULL,
  province_code text,
  city_code text,
  comment text
);
CREATE INDEX complaint_events_complaint_idx ON complaint_events (complaint_id, id);

CREATE TABLE report_types (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  name text NOT NULL CHECK (length(name) BETWEEN 2 AND 100),
  level text NOT NULL CHECK (level IN ('national', 'province')),
  province_code text REFERENCES regions (code),
  CHECK ((level = 'national') = (province_code IS NULL)),
  reporter_kind text NOT NULL CHECK (reporter_kind IN ('department', 'project_leader', 'school')),
  period text NOT NULL CHECK (period IN ('weekly', 'monthly', 'by_date')),
  due_dates date[] NOT NULL DEFAULT '{}',
  deadline_days integer NOT NULL DEFAULT 1 CHECK (deadline_days BETWEEN 0 AND 60),
  starts_on date NOT NULL,
  fields jsonb NOT NULL,
  required boolean NOT NULL DEFAULT true,
  miss_threshold integer NOT NULL DEFAULT 3 CHECK (miss_threshold BETWEEN 1 AND 12),
  active boolean NOT NULL DEFAULT true,
  created_at timestamptz NOT NULL,
  created_by uuid REFERENCES users (id)
);

CREATE TABLE report_duties (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  report_type_id uuid NOT NULL REFERENCES report_types (id),
  filing_id uuid NOT NULL REFERENCES filings (id),
  province_code text NOT NULL REFERENCES regions (code),
  city_code text NOT NULL REFERENCES regions (code),
  school_id uuid NOT NULL REFERENCES schools (id),
  department_id uuid NOT NULL REFERENCES departments (id),
  period_start date NOT NULL,
  period_end date NOT NULL,
  due_date date NOT NULL,
  status text NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'submitted', 'accepted', 'returned')),
  answers jsonb,
  submitted_at timestamptz,
  submitted_by uuid REFERENCES users (id),
  late boolean NOT NULL DEFAULT false,
  reviewed_at timestamptz,
  reviewed_by uuid REFERENCES users (id),
  opinion text,
  created_at timestamptz NOT NULL,
  UNIQUE (report_type_id, filing_id, period_start)
);
CREATE INDEX report_duties_filing_idx ON report_duties (filing_id, report_type_id, period_start);
CREATE INDEX report_duties_province_idx ON report_duties (province_code, due_date DESC);
CREATE INDEX report_duties_school_idx ON report_duties (school_id, due_date DESC);

CREATE TABLE pilot_flags (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  filing_id uuid NOT NULL REFERENCES filings (id),
  province_code text NOT NULL REFERENCES regions (code),
  city_code text NOT NULL REFERENCES regions (code),
  school_id uuid NOT NULL REFERENCES schools (id),
  kind text NOT NULL CHECK (kind IN ('missed_reports')),
  clause text NOT NULL,
  jurisdiction text NOT NULL,
  detail text NOT NULL,
  report_type_id uuid REFERENCES report_types (id),
  flagged_at timestamptz NOT NULL,
  cleared_at timestamptz
);
CREATE UNIQUE INDEX pilot_flags_open_idx ON pilot_flags (filing_id, kind, report_type_id) WHERE cleared_at IS NULL;

ALTER TABLE filings ADD COLUMN cancelled_at timestamptz;

CREATE TABLE pilot_cancellations (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  filing_id uuid NOT NULL UNIQUE REFERENCES filings (id),
  province_code text NOT NULL REFERENCES regions (code),
  city_code text NOT NULL REFERENCES regions (code),
  school_id uuid NOT NULL REFERENCES schools (id),
  ground text NOT NULL CHECK (ground IN ('missed_reports', 'lax_management', 'forced_participation', 'funds_misuse')),
  clause text NOT NULL,
  reason text NOT NULL,
  evidence jsonb NOT NULL DEFAULT '[]',
  cancelled_at timestamptz NOT NULL,
  cancelled_by uuid REFERENCES users (id)
);

CREATE TABLE inspectors (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  name text NOT NULL,
  title text,
  province_code text REFERENCES regions (code),
  school_id uuid REFERENCES schools (id),
  org_id uuid REFERENCES evaluation_orgs (id),
  active boolean NOT NULL DEFAULT true,
  created_at timestamptz NOT NULL,
  created_by uuid REFERENCES users (id)
);

CREATE TABLE inspection_draws (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  title text NOT NULL,
  province_code text REFERENCES regions (code),
  pool_kind text NOT NULL CHECK (pool_kind IN ('school', 'organization')),
  filters jsonb NOT NULL DEFAULT '{}',
  seed text NOT NULL,
  algorithm text NOT NULL,
  candidate_ids jsonb NOT NULL,
  inspector_pool_ids jsonb NOT NULL,
  selected jsonb NOT NULL,
  inspectors jsonb NOT NULL,
  drawn_at timestamptz NOT NULL,
  drawn_by uuid REFERENCES users (id),
  published_at timestamptz,
  result text
);
CREATE INDEX inspection_draws_published_idx ON inspection_draws (published_at DESC) WHERE published_at IS NOT NULL;

CREATE TABLE inspections (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  filing_id uuid NOT NULL REFERENCES filings (id),
  province_code text NOT NULL REFERENCES regions (code),
  city_code text NOT NULL REFERENCES regions (code),
  school_id uuid NOT NULL REFERENCES schools (id),
  title text NOT NULL,
  inspector_level text NOT NULL CHECK (inspector_level IN ('national', 'province', 'school')),
  planned_on date NOT NULL,
  items jsonb NOT NULL,
  status text NOT NULL DEFAULT 'planned' CHECK (status IN ('planned', 'rectifying', 'closed')),
  result text,
  published_at timestamptz,
  created_at timestamptz NOT NULL,
  created_by uuid REFERENCES users (id)
);
CREATE INDEX inspections_province_idx ON inspections (province_code, planned_on DESC);

CREATE TABLE inspection_findings (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  inspection_id uuid NOT NULL REFERENCES inspections (id),
  item_key text NOT NULL,
  finding text NOT NULL,
  issue boolean NOT NULL,
  file_ids jsonb NOT NULL DEFAULT '[]',
  created_at timestamptz NOT NULL,
  created_by uuid REFERENCES users (id)
);
CREATE INDEX inspection_findings_inspection_idx ON inspection_findings (inspection_id);

CREATE TABLE rectification_orders (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  inspection_id uuid NOT NULL REFERENCES inspections (id),
  round integer NOT NULL,
  requirement text NOT NULL,
  deadline date NOT NULL,
  status text NOT NULL DEFAULT 'open' CHECK (status IN ('open', 'reported', 'accepted', 'reordered')),
  report text,
  report_file_ids jsonb NOT NULL DEFAULT '[]',
  reported_at timestamptz,
  decided_at timestamptz,
  decision_comment text,
  created_at timestamptz NOT NULL,
  UNIQUE (inspection_id, round)
);
`;
