/**
 * Pilot task books and final acceptance (issue 18 item 5; 004 六 项目结题验收, 001 第六条(一) 建设方案和任务书,
 * 第二十条 考核任务): an approved pilot (filing) has one task book with its targets (trained teachers, candidates
 * examined, core courses mapped to certificate modules — 004 七 4–5 门核心课程), its milestones and the core-course
 * mappings. Progress is computed from the records (examined candidates from registrations with a current result);
 * at the end the school applies for acceptance and the province accepts or not, the shortfalls stored with the
 * decision. The steps are kept in pilot_acceptance_events.
 */
export const sql = /* sql */ `
CREATE TABLE pilot_task_books (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  filing_id uuid NOT NULL UNIQUE REFERENCES filings (id),
  school_id uuid NOT NULL REFERENCES schools (id),
  province_code text NOT NULL REFERENCES regions (code),
  city_code text NOT NULL REFERENCES regions (code),
  target_trained_teachers integer NOT NULL CHECK (target_trained_teachers BETWEEN 0 AND 100000),
  target_examined integer NOT NULL CHECK (target_examined BETWEEN 0 AND 1000000),
  target_courses integer NOT NULL CHECK (target_courses BETWEEN 0 AND 50),
  -- reported by the school (no other record holds teacher training)
  trained_teachers integer NOT NULL DEFAULT 0 CHECK (trained_teachers BETWEEN 0 AND 100000),
  status text NOT NULL DEFAULT 'in_progress' CHECK (status IN ('in_progress', 'applied', 'accepted', 'not_accepted')),
  acceptance_report text,
  applied_at timestamptz,
  -- [{ code, label, target, actual }] at the application, then at the decision
  shortfalls jsonb NOT NULL DEFAULT '[]' CHECK (jsonb_typeof(shortfalls) = 'array'),
  decision_comment text,
  decided_at timestamptz,
  decided_by uuid REFERENCES users (id),
  created_at timestamptz NOT NULL,
  created_by uuid REFERENCES users (id),
  updated_at timestamptz NOT NULL,
  CHECK (status = 'in_progress' OR applied_at IS NOT NULL),
  CHECK (status NOT IN ('accepted', 'not_accepted') OR decided_at IS NOT NULL)
);
CREATE INDEX pilot_task_books_school_idx ON pilot_task_books (school_id);
CREATE INDEX pilot_task_books_province_idx ON pilot_task_books (province_code, status);

CREATE TABLE pilot_milestones (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  task_book_id uuid NOT NULL REFERENCES pilot_task_books (id) ON DELETE CASCADE,
  position integer NOT NULL,
  title text NOT NULL CHECK (length(title) BETWEEN 1 AND 200),
  due_on date NOT NULL,
  done_on date,
  note text,
  UNIQUE (task_book_id, position)
);

-- 004 七 4: core courses whose content is mapped to the certificate's modules.
CREATE TABLE pilot_course_mappings (
  task_book_id uuid NOT NULL REFERENCES pilot_task_books (id) ON DELETE CASCADE,
  course_id uuid NOT NULL REFERENCES school_courses (id),
  module text NOT NULL CHECK (length(module) BETWEEN 1 AND 200),
  PRIMARY KEY (task_book_id, course_id)
);

CREATE TABLE pilot_acceptance_events (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  task_book_id uuid NOT NULL REFERENCES pilot_task_books (id),
  action text NOT NULL CHECK (action IN ('apply', 'accept', 'reject')),
  from_status text NOT NULL,
  to_status text NOT NULL,
  comment text,
  shortfalls jsonb NOT NULL DEFAULT '[]',
  at timestamptz NOT NULL,
  by uuid REFERENCES users (id)
);
CREATE INDEX pilot_acceptance_events_book_idx ON pilot_acceptance_events (task_book_id, at);
`;
