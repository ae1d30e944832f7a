/**
 * Notices 通知公告 with attachments, audience and forwarding with read receipts (R9.1, 000 三(二)), and 公示
 * publicity periods with objections linked to complaints (R9.4, 001 第九条) — issue 14 items 1 and 2.
 */
export const sql = /* sql */ `
CREATE TABLE notices (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  level text NOT NULL CHECK (level IN ('national', 'province', 'organization')),
  province_code text REFERENCES regions(code),
  org_id uuid REFERENCES evaluation_orgs(id),
  certificate_type_id uuid REFERENCES certificate_types(id),
  category text NOT NULL CHECK (category IN ('policy', 'announcement', 'standard_interpretation', 'fee_notice')),
  title text NOT NULL CHECK (length(title) BETWEEN 1 AND 200),
  body_html text NOT NULL,
  is_public boolean NOT NULL,
  audience_roles text[] NOT NULL DEFAULT '{}',
  audience_province_codes text[] NOT NULL DEFAULT '{}',
  publisher_name text NOT NULL,
  published_at timestamptz NOT NULL,
  created_by uuid NOT NULL REFERENCES users(id),
  CHECK ((level = 'province') = (province_code IS NOT NULL)),
  CHECK ((level = 'organization') = (org_id IS NOT NULL))
);
CREATE INDEX notices_public_idx ON notices (published_at DESC) WHERE is_public;
CREATE INDEX notices_province_idx ON notices (province_code, published_at DESC);

CREATE TABLE notice_attachments (
  notice_id uuid NOT NULL REFERENCES notices(id),
  file_id uuid NOT NULL REFERENCES files(id) UNIQUE,
  position integer NOT NULL,
  PRIMARY KEY (notice_id, file_id)
);

-- One row per unit a notice was forwarded to: a city (by its province) or a school (by its city).
CREATE TABLE notice_deliveries (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  notice_id uuid NOT NULL REFERENCES notices(id),
  recipient_kind text NOT NULL CHECK (recipient_kind IN ('city', 'school')),
  province_code text NOT NULL REFERENCES regions(code),
  city_code text NOT NULL REFERENCES regions(code),
  school_id uuid REFERENCES schools(id),
  forwarded_at timestamptz NOT NULL,
  forwarded_by uuid NOT NULL REFERENCES users(id),
  read_at timestamptz,
  read_by uuid REFERENCES users(id),
  CHECK ((recipient_kind = 'school') = (school_id IS NOT NULL))
);
CREATE UNIQUE INDEX notice_deliveries_city_uq ON notice_deliveries (notice_id, city_code) WHERE recipient_kind = 'city';
CREATE UNIQUE INDEX notice_deliveries_school_uq ON notice_deliveries (notice_id, school_id) WHERE recipient_kind = 'school';
CREATE INDEX notice_deliveries_school_idx ON notice_deliveries (school_id);

-- Readers of notices addressed to them by role (not by forwarding): the actor's own read mark.
CREATE TABLE notice_reads (
  notice_id uuid NOT NULL REFERENCES notices(id),
  user_id uuid NOT NULL REFERENCES users(id),
  read_at timestamptz NOT NULL,
  PRIMARY KEY (notice_id, user_id)
);

CREATE TABLE publicity_items (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  subject_type text NOT NULL CHECK (subject_type IN ('filing', 'typical_case', 'session_certificates')),
  subject_id uuid NOT NULL,
  title text NOT NULL,
  note text,
  province_code text REFERENCES regions(code),
  org_id uuid REFERENCES evaluation_orgs(id),
  -- Whom an objection is about (a complaint's subject, R8.5).
  complaint_subject_type text NOT NULL CHECK (complaint_subject_type IN ('school', 'organization', 'certificateType')),
  complaint_subject_id uuid NOT NULL,
  columns jsonb NOT NULL,
  rows jsonb NOT NULL,
  starts_on date NOT NULL,
  days integer NOT NULL CHECK (days BETWEEN 1 AND 60),
  -- The last day on display (inclusive): the display closes by itself after it.
  ends_on date NOT NULL,
  created_at timestamptz NOT NULL,
  created_by uuid NOT NULL REFERENCES users(id),
  UNIQUE (subject_type, subject_id),
  CHECK (ends_on = starts_on + (days - 1))
);
CREATE INDEX publicity_items_ends_idx ON publicity_items (ends_on DESC);

CREATE TABLE publicity_objections (
  complaint_id uuid PRIMARY KEY REFERENCES complaints(id),
  item_id uuid NOT NULL REFERENCES publicity_items(id),
  filed_at timestamptz NOT NULL
);
CREATE INDEX publicity_objections_item_idx ON publicity_objections (item_id);
`;
