/**
 * Complaints (R8.5, issue 13):
 * - `verdict`: the handler's finding when closing (成立 / 部分成立 / 不成立); the scorecards count upheld and partly
 *   upheld complaints. Complaints closed before this migration keep no verdict.
 * - `complaint_attachments`: up to 3 files the complainant attaches (PDF, PNG, JPEG; checked by content, size-capped).
 *   Kept apart from `files` on purpose: a file there is readable by any actor whose scope holds its owner, while a
 *   complaint's attachments are for its current handler only (served by the complaint's own route).
 */
export const sql = /* sql */ `
ALTER TABLE complaints ADD COLUMN verdict text CHECK (verdict IN ('upheld', 'partly_upheld', 'not_upheld'));
ALTER TABLE complaints ADD CONSTRAINT complaints_verdict_closed CHECK (verdict IS NULL OR status = 'closed');

CREATE TABLE complaint_attachments (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  complaint_id uuid NOT NULL REFERENCES complaints (id),
  sha256 text NOT NULL,
  size integer NOT NULL CHECK (size > 0),
  mime text NOT NULL CHECK (mime IN ('application/pdf', 'image/png', 'image/jpeg')),
  original_name text NOT NULL,
  bytes bytea NOT NULL,
  created_at timestamptz NOT NULL
);
CREATE INDEX complaint_attachments_complaint_idx ON complaint_attachments (complaint_id, created_at);
`;
