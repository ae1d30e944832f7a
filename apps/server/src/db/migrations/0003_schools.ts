/** Schools registration (R2.1), school majors and their yearly figures (R2.2). */
export const sql = /* sql */ `
ALTER TABLE schools
  ADD COLUMN credit_code text CHECK (credit_code ~ '^[0-9A-HJ-NPQRTUWXY]{18}$'),
  ADD COLUMN status text NOT NULL DEFAULT 'approved' CHECK (status IN ('pending', 'approved')),
  ADD COLUMN flags text[] NOT NULL DEFAULT '{}'
    CHECK (flags <@ ARRAY['national_model', 'provincial_model', 'double_high', 'national_secondary_model', 'industry_featured']::text[]),
  ADD COLUMN address text,
  ADD COLUMN contact_name text,
  ADD COLUMN contact_phone text,
  ADD COLUMN updated_at timestamptz,
  ADD COLUMN registered_by uuid REFERENCES users (id),
  ADD COLUMN approved_by uuid REFERENCES users (id),
  ADD COLUMN approved_at timestamptz;
CREATE UNIQUE INDEX schools_credit_code_idx ON schools (credit_code);

CREATE TABLE school_majors (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  school_id uuid NOT NULL REFERENCES schools (id),
  department_id uuid NOT NULL REFERENCES departments (id),
  province_code text NOT NULL REFERENCES regions (code),
  major_code text NOT NULL CHECK (major_code ~ '^[0-9]{6}[A-Z]{0,2}$'),
  name text NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz,
  UNIQUE (school_id, major_code)
);
CREATE INDEX school_majors_department_idx ON school_majors (department_id);
CREATE INDEX school_majors_province_idx ON school_majors (province_code);

CREATE TABLE school_major_years (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  school_major_id uuid NOT NULL REFERENCES school_majors (id) ON DELETE CASCADE,
  province_code text NOT NULL REFERENCES regions (code),
  year integer NOT NULL CHECK (year BETWEEN 2000 AND 2100),
  enrolled_students integer NOT NULL CHECK (enrolled_students >= 0),
  full_time_teachers integer NOT NULL CHECK (full_time_teachers >= 0),
  part_time_teachers integer NOT NULL CHECK (part_time_teachers >= 0),
  senior_title_teachers integer NOT NULL CHECK (senior_title_teachers >= 0),
  dual_qualified_teachers integer NOT NULL CHECK (dual_qualified_teachers >= 0 AND dual_qualified_teachers <= full_time_teachers),
  industry_expert_teachers integer NOT NULL CHECK (industry_expert_teachers >= 0),
  national_innovation_team boolean NOT NULL DEFAULT false,
  training_rooms jsonb NOT NULL DEFAULT '[]' CHECK (jsonb_typeof(training_rooms) = 'array'),
  off_campus_bases jsonb NOT NULL DEFAULT '[]'
    CHECK (jsonb_typeof(off_campus_bases) = 'array' AND jsonb_array_length(off_campus_bases) <= 3),
  last_year_usage integer NOT NULL DEFAULT 0 CHECK (last_year_usage >= 0),
  updated_at timestamptz NOT NULL,
  updated_by uuid REFERENCES users (id),
  UNIQUE (school_major_id, year)
);
`;
