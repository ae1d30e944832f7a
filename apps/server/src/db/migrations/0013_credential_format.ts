/**
 * Credentials every standard verifier accepts (issue 12, R6.6).
 *
 * - `credential_batches.format`: 1 = signed before issue 12 (URL issuer, proof without `@context`), 2 = the current
 *   format (did:web issuer, `credentialSchema`, proof array whose proof carries `@context`). Existing batches are 1;
 *   a job re-signs them with their organization's current key (certificates.resign.ts) and sets 2.
 * - `platform_keys`: the platform's own Ed25519 keys (`did:web:<host>#key-n`), which sign the national trust list;
 *   sealed like issuer keys.
 * - `credential_wallet_copies`: a learner's copy of a credential with a second, `eddsa-rdfc-2022` proof for wallets
 *   without JCS; made once on request and kept (it is the signed text a wallet already holds).
 */
export const sql = /* sql */ `
ALTER TABLE credential_batches ADD COLUMN format smallint NOT NULL DEFAULT 1;
ALTER TABLE credential_batches ALTER COLUMN format SET DEFAULT 2;
CREATE INDEX credential_batches_legacy_idx ON credential_batches (created_at) WHERE format = 1;
DROP INDEX credential_batches_session_idx;

CREATE TABLE platform_keys (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  key_no integer NOT NULL UNIQUE,
  public_key_multibase text NOT NULL,
  private_key_enc text NOT NULL,
  status text NOT NULL DEFAULT 'active' CHECK (status IN ('active', 'retired')),
  created_at timestamptz NOT NULL,
  retired_at timestamptz
);
CREATE UNIQUE INDEX platform_keys_one_active ON platform_keys (status) WHERE status = 'active';

CREATE TABLE credential_wallet_copies (
  certificate_id uuid NOT NULL REFERENCES certificates (id),
  cryptosuite text NOT NULL,
  credential text NOT NULL,
  created_at timestamptz NOT NULL,
  PRIMARY KEY (certificate_id, cryptosuite)
);
`;
