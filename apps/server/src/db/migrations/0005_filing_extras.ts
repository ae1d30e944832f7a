/**
 * Filing extras (R3.7–R3.11): the pass rates a later exams feature fills (R3.9), discontinued annual plans and the
 * end of a pilot (R3.8), and a dedupe key so that reminders are sent once (R3.11).
 */
export const sql = /* sql */ `
-- R3.9: one row per school × certificate × exam year; empty until the exams feature writes results into it.
CREATE TABLE certificate_pass_rates (
  school_id uuid NOT NULL REFERENCES schools (id),
  certificate_type_id uuid NOT NULL REFERENCES certificate_types (id),
  year integer NOT NULL CHECK (year BETWEEN 2000 AND 2100),
  candidates integer NOT NULL CHECK (candidates >= 0),
  passed integer NOT NULL CHECK (passed >= 0 AND passed <= candidates),
  PRIMARY KEY (school_id, certificate_type_id, year)
);

-- R3.8: a certificate not continued files 'discontinue' and its pilot ends with that year.
ALTER TABLE filing_annual_plans DROP CONSTRAINT filing_annual_plans_mode_check;
ALTER TABLE filing_annual_plans ADD CONSTRAINT filing_annual_plans_mode_check
  CHECK (mode IN ('new', 'carry_forward', 'discontinue'));
ALTER TABLE filings ADD COLUMN pilot_ended_year integer CHECK (pilot_ended_year BETWEEN 2000 AND 2100);
ALTER TABLE filings ADD COLUMN pilot_ended_at timestamptz;

-- R3.11: reminders carry a key (e.g. round_deadline:<round id>) so that one user gets one per key.
ALTER TABLE notifications ADD COLUMN dedupe_key text;
CREATE UNIQUE INDEX notifications_dedupe_idx ON notifications (user_id, dedupe_key);
`;
