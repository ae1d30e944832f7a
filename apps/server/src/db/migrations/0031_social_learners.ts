/**
 * Social learners' channel (issue 17 item 1; 003 6号 二(四) 社会成员自主选择证书类别、等级): a person without a school
 * registers (phone sealed, privacy consent recorded), applies for an open session of a published certificate and
 * level, uploads what the organization asks (photo, ID scan: sealed at rest, AES-256-GCM), pays the organization's
 * published fee for social candidates (never above the level's cap, R1.2), and the organization confirms: the
 * confirmation is an ordinary registration (payer 'learner', no school), so results, certificates and credit-bank
 * deposits follow the same paths as pilot students'. Pilot students keep never paying (payer 'school').
 */
export const sql = /* sql */ `
ALTER TABLE learners
  ADD COLUMN phone_sealed text,
  ADD COLUMN phone_last4 text,
  ADD COLUMN privacy_consent_at timestamptz;

-- A learner pays only as a social candidate: a registration with a school is always paid by the school (R4.3).
ALTER TABLE exam_registrations DROP CONSTRAINT exam_registrations_payer_check;
ALTER TABLE exam_registrations ADD CONSTRAINT exam_registrations_payer_check
  CHECK (payer IN ('school', 'learner') AND (payer = 'school' OR school_id IS NULL));

-- The organization's published fee for social candidates, per certificate level; cap_fen is the level's cap when published.
CREATE TABLE social_exam_fees (
  certificate_type_id uuid NOT NULL REFERENCES certificate_types (id),
  level text NOT NULL CHECK (level IN ('junior', 'intermediate', 'senior')),
  org_id uuid NOT NULL REFERENCES evaluation_orgs (id),
  fee_fen integer NOT NULL CHECK (fee_fen >= 0),
  cap_fen integer NOT NULL CHECK (cap_fen >= 0),
  published_at timestamptz NOT NULL,
  published_by uuid REFERENCES users (id),
  CHECK (fee_fen <= cap_fen),
  PRIMARY KEY (certificate_type_id, level)
);
CREATE INDEX social_exam_fees_org_idx ON social_exam_fees (org_id);

CREATE TABLE social_applications (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  learner_id uuid NOT NULL REFERENCES learners (id),
  session_id uuid NOT NULL REFERENCES exam_sessions (id),
  org_id uuid NOT NULL REFERENCES evaluation_orgs (id),
  province_code text NOT NULL REFERENCES regions (code),
  city_code text NOT NULL REFERENCES regions (code),
  status text NOT NULL DEFAULT 'draft' CHECK (status IN ('draft', 'submitted', 'confirmed', 'rejected', 'withdrawn')),
  fee_fen integer NOT NULL CHECK (fee_fen >= 0),
  cap_fen integer NOT NULL CHECK (cap_fen >= 0),
  paid_fen integer CHECK (paid_fen >= 0),
  paid_at timestamptz,
  payment_ref text,
  registration_id uuid UNIQUE REFERENCES exam_registrations (id),
  reason text,
  created_at timestamptz NOT NULL,
  updated_at timestamptz,
  decided_at timestamptz,
  decided_by uuid REFERENCES users (id),
  UNIQUE (session_id, learner_id),
  CHECK (fee_fen <= cap_fen),
  CHECK ((paid_at IS NULL) = (paid_fen IS NULL)),
  CHECK (paid_fen IS NULL OR paid_fen = fee_fen),
  CHECK (status IN ('draft', 'withdrawn') OR paid_at IS NOT NULL),
  CHECK ((status = 'confirmed') = (registration_id IS NOT NULL))
);
CREATE INDEX social_applications_org_idx ON social_applications (org_id, status, created_at);
CREATE INDEX social_applications_learner_idx ON social_applications (learner_id);
CREATE INDEX social_applications_province_idx ON social_applications (province_code);

-- The documents of an application, sealed (secret-box purpose 'social-document'); one per kind, replaced on re-upload.
CREATE TABLE social_application_documents (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  application_id uuid NOT NULL REFERENCES social_applications (id),
  kind text NOT NULL CHECK (kind IN ('photo', 'id_scan')),
  file_name text NOT NULL,
  mime text NOT NULL CHECK (mime IN ('application/pdf', 'image/png', 'image/jpeg')),
  size integer NOT NULL CHECK (size > 0),
  sha256 text NOT NULL,
  content_sealed text NOT NULL,
  created_at timestamptz NOT NULL,
  UNIQUE (application_id, kind)
);
`;
