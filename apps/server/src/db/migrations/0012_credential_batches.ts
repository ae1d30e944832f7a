/**
 * Issuance at volume (issue 6, bench/issue.bench.ts): a certificate no longer stores its whole credential.
 *
 * The credentials of one issuance (one session, one key, one moment) differ only in the holder's values and the proof
 * value, so the batch's canonical JSON text with placeholders is stored once (`credential_batches.template`) and each
 * certificate keeps its own values (the code, name and status entry it already had, plus the identity hash, its salt
 * and the proof value). Filling the template gives back exactly the text that was signed
 * (certificates.credential.ts `fillCredential`). A certificate row shrinks from about 2.5 KB to about 0.6 KB, which
 * is what bounded issuance: the table outgrew the server's buffers and every page went through the WAL.
 *
 * Certificates issued before this migration become batches of one: their credential text is the template, with no
 * placeholders, so it is returned as it is.
 *
 * The ledger's certificate link loses its foreign key: the deposit is written in the transaction that inserts the
 * certificate, and certificates are never deleted; checked row by row, the key locked every new certificate again.
 */
export const sql = /* sql */ `
CREATE TABLE credential_batches (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  org_id uuid NOT NULL REFERENCES evaluation_orgs (id),
  session_id uuid REFERENCES exam_sessions (id),
  issuer_key_id uuid NOT NULL REFERENCES issuer_keys (id),
  template text NOT NULL,
  created_at timestamptz NOT NULL
);
CREATE INDEX credential_batches_session_idx ON credential_batches (session_id);

ALTER TABLE certificates
  ADD COLUMN batch_id uuid,
  ADD COLUMN holder_id_hash text,
  ADD COLUMN holder_salt text,
  ADD COLUMN proof_value text;

INSERT INTO credential_batches (id, org_id, session_id, issuer_key_id, template, created_at)
SELECT id, org_id, session_id, issuer_key_id, credential, created_at FROM certificates;
UPDATE certificates SET batch_id = id;

ALTER TABLE certificates ALTER COLUMN batch_id SET NOT NULL;
ALTER TABLE certificates DROP COLUMN credential;

ALTER TABLE learning_outcomes DROP CONSTRAINT learning_outcomes_certificate_id_fkey;
`;
