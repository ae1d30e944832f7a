/**
 * Issue 20, items 6 and 7.
 *
 * `secret_key_check`: one row, HMAC-SHA256(SECRET_KEY, 'onex-key-check-v1') — never the key — stored at first start
 * and compared at every start, so a process with another key refuses to start instead of failing on every decryption.
 *
 * `audit_checkpoints`: signed heads of the audit chain (last id, its hash, the row count up to it), HMAC-SHA256 under a
 * key derived from SECRET_KEY; also written as files. The chain alone cannot show that its newest rows were removed;
 * a checkpoint the chain no longer reaches does.
 *
 * Both audit tables are append-only for everyone through triggers (UPDATE, DELETE, TRUNCATE raise), on PGlite and
 * PostgreSQL alike. Only a table owner can disable them; deployments with a separate application role also have
 * UPDATE, DELETE and TRUNCATE revoked from it (db:migrate with DATABASE_APP_ROLE, db/app-role.ts).
 */
export const sql = /* sql */ `
CREATE TABLE secret_key_check (
  singleton boolean PRIMARY KEY DEFAULT true CHECK (singleton),
  check_value text NOT NULL,
  created_at timestamptz NOT NULL
);

CREATE TABLE audit_checkpoints (
  id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  at timestamptz NOT NULL,
  last_id bigint NOT NULL,
  row_count bigint NOT NULL CHECK (row_count >= 0),
  last_hash text NOT NULL,
  signature text NOT NULL
);

CREATE FUNCTION refuse_audit_change() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION '审计记录只能追加，不能修改或删除 (% on % refused: the audit log is append-only)', TG_OP, TG_TABLE_NAME
    USING ERRCODE = 'insufficient_privilege';
END $$;

CREATE TRIGGER audit_log_append_only BEFORE UPDATE OR DELETE ON audit_log
  FOR EACH ROW EXECUTE FUNCTION refuse_audit_change();
CREATE TRIGGER audit_log_no_truncate BEFORE TRUNCATE ON audit_log
  FOR EACH STATEMENT EXECUTE FUNCTION refuse_audit_change();
CREATE TRIGGER audit_checkpoints_append_only BEFORE UPDATE OR DELETE ON audit_checkpoints
  FOR EACH ROW EXECUTE FUNCTION refuse_audit_change();
CREATE TRIGGER audit_checkpoints_no_truncate BEFORE TRUNCATE ON audit_checkpoints
  FOR EACH STATEMENT EXECUTE FUNCTION refuse_audit_change();
`;
