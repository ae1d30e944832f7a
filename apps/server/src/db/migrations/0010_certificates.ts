/**
 * Certificates (issue 6; R6) and the learning accounts they are deposited in (R6.5, R7.1).
 * - issuer_keys: an Ed25519 key per organization; the private key encrypted at rest (AES-256-GCM, key derived
 *   from SECRET_KEY); one active key signs, retired keys stay published so old credentials keep verifying.
 * - status_lists: Bitstring Status Lists (revocation), 131,072 entries each, per organization.
 * - certificates: the number, holder, the signed credential (the exact JSON text that was signed) and revocation.
 * - certificate_share_links: the holder's time-limited links.
 * - certificate_pdf_jobs: a session's batch PDF, built in the background.
 * - learning_accounts / learning_outcomes: one account per person (ID number encrypted, blind index); outcomes are
 *   an append-only ledger with one idempotency key per source event; a correction is a reversal entry. The account's
 *   totals are a cache kept in the same transaction as the entries.
 * - credit_outcomes: the outcome catalog, one per certificate type × level, with default credits and hours.
 */
export const sql = /* sql */ `
ALTER TABLE evaluation_orgs ADD COLUMN publicity_days integer NOT NULL DEFAULT 5 CHECK (publicity_days BETWEEN 0 AND 60);

CREATE TABLE issuer_keys (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  org_id uuid NOT NULL REFERENCES evaluation_orgs (id),
  key_no integer NOT NULL CHECK (key_no > 0),
  public_key_multibase text NOT NULL UNIQUE,
  private_key_enc text NOT NULL,
  status text NOT NULL DEFAULT 'active' CHECK (status IN ('active', 'retired')),
  created_at timestamptz NOT NULL,
  created_by uuid REFERENCES users (id),
  retired_at timestamptz,
  UNIQUE (org_id, key_no),
  CHECK ((status = 'retired') = (retired_at IS NOT NULL))
);
CREATE UNIQUE INDEX issuer_keys_active_idx ON issuer_keys (org_id) WHERE status = 'active';

CREATE TABLE status_lists (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  org_id uuid NOT NULL REFERENCES evaluation_orgs (id),
  purpose text NOT NULL DEFAULT 'revocation' CHECK (purpose = 'revocation'),
  size integer NOT NULL CHECK (size >= 131072 AND size % 8 = 0),
  next_index integer NOT NULL DEFAULT 0 CHECK (next_index >= 0 AND next_index <= size),
  created_at timestamptz NOT NULL
);
CREATE INDEX status_lists_org_idx ON status_lists (org_id, created_at);

CREATE SEQUENCE certificate_serial AS bigint MINVALUE 1 MAXVALUE 9999999999;

-- Only the registration is a foreign key: the other ids and codes are copies of the registration's, the session's and
-- the batch's facts, written in the transaction that reads them. Checked row by row, their foreign keys tripled the cost
-- of issuing a session (bench/issue.bench.ts).
CREATE TABLE certificates (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  number text NOT NULL UNIQUE,
  verification_code text NOT NULL UNIQUE CHECK (length(verification_code) >= 16),
  registration_id uuid NOT NULL UNIQUE REFERENCES exam_registrations (id),
  result_id uuid NOT NULL,
  session_id uuid NOT NULL,
  learner_id uuid NOT NULL,
  org_id uuid NOT NULL,
  certificate_type_id uuid NOT NULL,
  level text NOT NULL CHECK (level IN ('junior', 'intermediate', 'senior')),
  school_id uuid,
  province_code text NOT NULL,
  city_code text,
  holder_name text NOT NULL,
  holder_id_masked text NOT NULL,
  issued_on date NOT NULL,
  issuer_key_id uuid NOT NULL,
  status_list_id uuid NOT NULL,
  status_index integer NOT NULL CHECK (status_index >= 0),
  credential text NOT NULL,
  revoked_at timestamptz,
  revoked_on date,
  revocation_reason text,
  revoked_by uuid REFERENCES users (id),
  created_at timestamptz NOT NULL,
  created_by uuid,
  UNIQUE (status_list_id, status_index),
  CHECK ((revoked_at IS NULL) = (revocation_reason IS NULL) AND (revoked_at IS NULL) = (revoked_on IS NULL))
);
-- The credential (about 2.3 KB of JSON) is compressed with lz4 where the server has it (PostgreSQL built with lz4),
-- several times cheaper than the default pglz when a session is issued; elsewhere (PGlite) the default stays.
DO $$ BEGIN
  ALTER TABLE certificates ALTER COLUMN credential SET COMPRESSION lz4;
EXCEPTION WHEN OTHERS THEN NULL;
END $$;
CREATE INDEX certificates_session_idx ON certificates (session_id, number);
CREATE INDEX certificates_learner_idx ON certificates (learner_id);
CREATE INDEX certificates_org_idx ON certificates (org_id, issued_on);
CREATE INDEX certificates_school_idx ON certificates (school_id);
CREATE INDEX certificates_province_idx ON certificates (province_code);
CREATE INDEX certificates_city_idx ON certificates (city_code);
CREATE INDEX certificates_revoked_idx ON certificates (status_list_id) WHERE revoked_at IS NOT NULL;

CREATE TABLE certificate_share_links (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  certificate_id uuid NOT NULL REFERENCES certificates (id),
  token text NOT NULL UNIQUE CHECK (length(token) >= 22),
  created_at timestamptz NOT NULL,
  created_by uuid REFERENCES users (id),
  expires_at timestamptz NOT NULL,
  revoked_at timestamptz,
  CHECK (expires_at > created_at)
);
CREATE INDEX certificate_share_links_certificate_idx ON certificate_share_links (certificate_id);

CREATE TABLE certificate_pdf_jobs (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  session_id uuid NOT NULL REFERENCES exam_sessions (id),
  org_id uuid NOT NULL REFERENCES evaluation_orgs (id),
  province_code text NOT NULL REFERENCES regions (code),
  status text NOT NULL DEFAULT 'queued' CHECK (status IN ('queued', 'running', 'succeeded', 'failed')),
  total integer NOT NULL DEFAULT 0 CHECK (total >= 0),
  done integer NOT NULL DEFAULT 0 CHECK (done >= 0),
  file_id uuid REFERENCES files (id),
  message text,
  created_at timestamptz NOT NULL,
  created_by uuid REFERENCES users (id),
  started_at timestamptz,
  finished_at timestamptz
);
CREATE INDEX certificate_pdf_jobs_queue_idx ON certificate_pdf_jobs (created_at) WHERE status IN ('queued', 'running');
CREATE INDEX certificate_pdf_jobs_session_idx ON certificate_pdf_jobs (session_id, created_at);

-- R7.1: one learning account per person, found by the blind index of the ID number.
CREATE TABLE learning_accounts (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  id_type text NOT NULL CHECK (id_type IN ('id_card', 'hmt_residence_permit', 'passport')),
  id_number_enc text NOT NULL,
  id_number_hash text NOT NULL,
  id_number_last4 text NOT NULL,
  holder_name text NOT NULL,
  learner_id uuid UNIQUE REFERENCES learners (id),
  school_id uuid,
  province_code text,
  total_credits numeric(10, 1) NOT NULL DEFAULT 0,
  outcome_count integer NOT NULL DEFAULT 0,
  opened_via text NOT NULL CHECK (opened_via IN ('learner', 'certificate', 'school', 'school_import')),
  created_at timestamptz NOT NULL,
  created_by uuid,
  UNIQUE (id_type, id_number_hash)
) WITH (fillfactor = 80); -- room on each page, so that moving the cached totals is a HOT update
CREATE INDEX learning_accounts_school_idx ON learning_accounts (school_id);
CREATE INDEX learning_accounts_province_idx ON learning_accounts (province_code);

-- The outcome catalog (R7): one outcome per certificate type × level.
CREATE TABLE credit_outcomes (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  certificate_type_id uuid NOT NULL REFERENCES certificate_types (id),
  level text NOT NULL CHECK (level IN ('junior', 'intermediate', 'senior')),
  name text NOT NULL,
  credits numeric(6, 1) NOT NULL CHECK (credits >= 0),
  hours integer NOT NULL CHECK (hours >= 0),
  created_at timestamptz NOT NULL,
  updated_at timestamptz NOT NULL,
  updated_by uuid REFERENCES users (id),
  UNIQUE (certificate_type_id, level)
);

-- The ledger: append-only; reversals point at what they reverse; one entry per source event (idempotency_key).
CREATE TABLE learning_outcomes (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  account_id uuid NOT NULL REFERENCES learning_accounts (id),
  entry_kind text NOT NULL DEFAULT 'deposit' CHECK (entry_kind IN ('deposit', 'reversal')),
  outcome_type text NOT NULL CHECK (outcome_type IN ('certificate', 'course', 'training', 'competition', 'other')),
  name text NOT NULL,
  level text,
  credits numeric(6, 1) NOT NULL DEFAULT 0,
  hours numeric(7, 1),
  recorded_on date NOT NULL,
  source text NOT NULL,
  source_kind text NOT NULL CHECK (source_kind IN ('certificate_issuance', 'school', 'conversion', 'learner', 'import')),
  idempotency_key text NOT NULL UNIQUE,
  certificate_id uuid REFERENCES certificates (id),
  credit_outcome_id uuid,
  reverses_id uuid REFERENCES learning_outcomes (id),
  evidence_file_id uuid REFERENCES files (id),
  school_id uuid,
  province_code text,
  note text,
  created_at timestamptz NOT NULL,
  created_by uuid,
  CHECK ((entry_kind = 'reversal') = (reverses_id IS NOT NULL))
);
CREATE INDEX learning_outcomes_account_idx ON learning_outcomes (account_id, recorded_on, id);
-- Partial indexes: most entries are deposits without a reversal, and only certificate entries have a certificate.
CREATE UNIQUE INDEX learning_outcomes_reverses_idx ON learning_outcomes (reverses_id) WHERE reverses_id IS NOT NULL;
CREATE INDEX learning_outcomes_certificate_idx ON learning_outcomes (certificate_id) WHERE certificate_id IS NOT NULL;
CREATE INDEX learning_outcomes_school_idx ON learning_outcomes (school_id);
`;
