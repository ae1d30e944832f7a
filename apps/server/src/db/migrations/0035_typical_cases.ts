/**
 * Typical cases (典型案例, issue 14 item 3, R9.2; 粤教职函〔2023〕12号 三（三） and 附件3): a province's collection
 * (deadline, categories, review criteria as data), the schools' cases (title and three sections, 2–4 images, the
 * stamped PDF scan and the Word file), scores and the selection; a published collection is public.
 */
export const sql = /* sql */ `
CREATE TABLE typical_case_collections (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  province_code text NOT NULL REFERENCES regions (code),
  title text NOT NULL,
  year integer NOT NULL,
  deadline date NOT NULL,
  categories jsonb NOT NULL CHECK (jsonb_typeof(categories) = 'array'),
  criteria jsonb NOT NULL CHECK (jsonb_typeof(criteria) = 'array'),
  description text,
  status text NOT NULL DEFAULT 'open' CHECK (status IN ('open', 'published')),
  published_at timestamptz,
  created_at timestamptz NOT NULL,
  created_by uuid REFERENCES users (id)
);
CREATE INDEX typical_case_collections_province_idx ON typical_case_collections (province_code, year);

CREATE TABLE typical_cases (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  collection_id uuid NOT NULL REFERENCES typical_case_collections (id),
  province_code text NOT NULL REFERENCES regions (code),
  city_code text NOT NULL REFERENCES regions (code),
  school_id uuid NOT NULL REFERENCES schools (id),
  title text NOT NULL,
  category text NOT NULL,
  background text NOT NULL DEFAULT '',
  measures text NOT NULL DEFAULT '',
  outcomes text NOT NULL DEFAULT '',
  char_count integer NOT NULL DEFAULT 0,
  pdf_file_id uuid REFERENCES files (id),
  word_file_id uuid REFERENCES files (id),
  status text NOT NULL DEFAULT 'draft' CHECK (status IN ('draft', 'submitted', 'reviewed', 'selected', 'not_selected')),
  scores jsonb,
  total_score numeric(6, 1),
  review_comment text,
  submitted_at timestamptz,
  reviewed_at timestamptz,
  reviewed_by uuid REFERENCES users (id),
  created_at timestamptz NOT NULL,
  created_by uuid REFERENCES users (id),
  updated_at timestamptz NOT NULL
);
CREATE INDEX typical_cases_collection_idx ON typical_cases (collection_id, status);
CREATE INDEX typical_cases_school_idx ON typical_cases (school_id);

CREATE TABLE typical_case_images (
  case_id uuid NOT NULL REFERENCES typical_cases (id),
  file_id uuid NOT NULL REFERENCES files (id),
  caption text,
  sort_order integer NOT NULL,
  PRIMARY KEY (case_id, file_id)
);
CREATE INDEX typical_case_images_file_idx ON typical_case_images (file_id);
`;
