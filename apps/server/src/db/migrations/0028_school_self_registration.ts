/**
 * Schools register themselves (R2.1, 002 四.3 自主进行注册申报): a public registration with the leading body and the
 * responsible department of 002 三.1 and an uploaded proof; the province approves it or returns it with a reason.
 * The school's first administrator account is created with it, disabled until approval.
 */
export const sql = /* sql */ `
ALTER TABLE schools DROP CONSTRAINT schools_status_check;
ALTER TABLE schools ADD CONSTRAINT schools_status_check CHECK (status IN ('pending', 'approved', 'returned'));
ALTER TABLE schools
  ADD COLUMN self_registered boolean NOT NULL DEFAULT false,
  ADD COLUMN registration_code text UNIQUE,
  ADD COLUMN leading_body text,
  ADD COLUMN leading_body_head text,
  ADD COLUMN responsible_department text,
  ADD COLUMN responsible_person text,
  ADD COLUMN proof_file_id uuid REFERENCES files (id),
  ADD COLUMN applicant_user_id uuid REFERENCES users (id),
  ADD COLUMN submitted_at timestamptz,
  ADD COLUMN return_reason text,
  ADD COLUMN returned_at timestamptz,
  ADD COLUMN returned_by uuid REFERENCES users (id);
CREATE INDEX schools_status_province_idx ON schools (province_code, status);
`;
