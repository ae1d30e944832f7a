/** Certificate catalog (R1): organizations' profiles and contacts, batches, majors, certificate types, levels, exam forms, standard documents, files. */
export const sql = /* sql */ `
ALTER TABLE evaluation_orgs
  ADD COLUMN short_name text,
  ADD COLUMN address text,
  ADD COLUMN postcode text,
  ADD COLUMN website text,
  ADD COLUMN description text,
  ADD COLUMN to_be_confirmed boolean NOT NULL DEFAULT false,
  ADD COLUMN updated_at timestamptz NOT NULL DEFAULT now();

CREATE TABLE files (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  sha256 text NOT NULL CHECK (sha256 ~ '^[0-9a-f]{64}$'),
  size integer NOT NULL CHECK (size >= 0),
  mime text NOT NULL,
  original_name text NOT NULL,
  bytes bytea NOT NULL,
  created_at timestamptz NOT NULL,
  created_by uuid REFERENCES users (id),
  province_code text,
  school_id uuid,
  org_id uuid
);
CREATE INDEX files_sha256_idx ON files (sha256);

CREATE TABLE certificate_batches (
  code text PRIMARY KEY,
  name text NOT NULL UNIQUE,
  ordinal integer NOT NULL UNIQUE,
  created_at timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE majors (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  code text,
  name text NOT NULL,
  education_level text NOT NULL CHECK (education_level IN ('中职', '高职专科', '高职本科', '本科')),
  catalog_edition text NOT NULL,
  to_be_confirmed boolean NOT NULL DEFAULT false,
  UNIQUE (catalog_edition, code),
  UNIQUE (catalog_edition, education_level, name)
);

CREATE TABLE certificate_types (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  code text NOT NULL UNIQUE,
  name text NOT NULL UNIQUE,
  org_id uuid NOT NULL REFERENCES evaluation_orgs (id),
  batch_code text NOT NULL REFERENCES certificate_batches (code),
  status text NOT NULL DEFAULT 'draft' CHECK (status IN ('draft', 'published', 'suspended', 'withdrawn')),
  description text,
  target_group text,
  award_requirements text,
  details_to_be_confirmed boolean NOT NULL DEFAULT false,
  created_at timestamptz NOT NULL,
  created_by uuid REFERENCES users (id),
  updated_at timestamptz NOT NULL
);
CREATE INDEX certificate_types_org_idx ON certificate_types (org_id);
CREATE INDEX certificate_types_status_idx ON certificate_types (status);

CREATE TABLE certificate_type_events (
  id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  certificate_type_id uuid NOT NULL REFERENCES certificate_types (id),
  action text NOT NULL,
  from_status text NOT NULL,
  to_status text NOT NULL,
  comment text,
  actor_id uuid REFERENCES users (id),
  at timestamptz NOT NULL
);
CREATE INDEX certificate_type_events_type_idx ON certificate_type_events (certificate_type_id, at);

CREATE TABLE certificate_type_majors (
  certificate_type_id uuid NOT NULL REFERENCES certificate_types (id) ON DELETE CASCADE,
  major_id uuid NOT NULL REFERENCES majors (id),
  PRIMARY KEY (certificate_type_id, major_id)
);
CREATE INDEX certificate_type_majors_major_idx ON certificate_type_majors (major_id);

CREATE TABLE certificate_levels (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  certificate_type_id uuid NOT NULL REFERENCES certificate_types (id) ON DELETE CASCADE,
  level text NOT NULL CHECK (level IN ('junior', 'intermediate', 'senior')),
  pass_mark numeric(6, 2),
  details_to_be_confirmed boolean NOT NULL DEFAULT false,
  UNIQUE (certificate_type_id, level)
);

CREATE TABLE certificate_level_exam_forms (
  level_id uuid NOT NULL REFERENCES certificate_levels (id) ON DELETE CASCADE,
  form text NOT NULL CHECK (form IN ('paper', 'computer', 'practical_general', 'practical_special')),
  share numeric(4, 3) NOT NULL CHECK (share > 0 AND share <= 1),
  PRIMARY KEY (level_id, form)
);

CREATE TABLE standard_documents (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  certificate_type_id uuid NOT NULL REFERENCES certificate_types (id),
  version text NOT NULL,
  file_id uuid NOT NULL REFERENCES files (id),
  uploaded_at timestamptz NOT NULL,
  uploaded_by uuid REFERENCES users (id),
  UNIQUE (certificate_type_id, version)
);
CREATE INDEX standard_documents_file_idx ON standard_documents (file_id);

CREATE TABLE evaluation_org_contacts (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  org_id uuid NOT NULL REFERENCES evaluation_orgs (id),
  certificate_type_id uuid REFERENCES certificate_types (id),
  contact_name text NOT NULL,
  office_phone text,
  mobile text,
  fax text,
  email text,
  address text,
  postcode text,
  sort_order integer NOT NULL DEFAULT 0,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX evaluation_org_contacts_org_idx ON evaluation_org_contacts (org_id, sort_order);
CREATE INDEX evaluation_org_contacts_type_idx ON evaluation_org_contacts (certificate_type_id);
`;
