/**
 * Policies with a jurisdiction (issue 18 items 0, 3, 4):
 * - policy_documents: a document a province, a school or the national level adds on the platform (the seeds' five are
 *   built in, `packages/shared/src/policies.ts`); it applies only inside its jurisdiction.
 * - policy_rules: a rule of such a document — a filing rule of R3.5 with its clause, severity and parameters, or a
 *   province's own fee caps (`fee_caps`), which replace the default caps of `001` 第十七条.
 * - filings.planned_fees_fen: the exam fee planned per level (R3.5, checked against the cap at submission).
 * - filings.pledge: the submitter's authenticity pledge of the last submission (001 第五条（二）对材料真实性负责).
 */
export const sql = /* sql */ `
CREATE TABLE policy_documents (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  level text NOT NULL CHECK (level IN ('national', 'province', 'school')),
  province_code text,
  school_id uuid REFERENCES schools (id),
  number text NOT NULL,
  title text NOT NULL,
  issuer text NOT NULL,
  created_by uuid REFERENCES users (id),
  created_at timestamptz NOT NULL,
  CHECK ((level = 'national' AND province_code IS NULL AND school_id IS NULL)
      OR (level = 'province' AND province_code IS NOT NULL AND school_id IS NULL)
      OR (level = 'school' AND province_code IS NOT NULL AND school_id IS NOT NULL))
);
CREATE INDEX policy_documents_scope_idx ON policy_documents (province_code, school_id);

CREATE TABLE policy_rules (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  document_id uuid NOT NULL REFERENCES policy_documents (id),
  kind text NOT NULL,
  clause text NOT NULL,
  severity text CHECK (severity IN ('block', 'warn')),
  params jsonb NOT NULL DEFAULT '{}' CHECK (jsonb_typeof(params) = 'object'),
  created_by uuid REFERENCES users (id),
  created_at timestamptz NOT NULL
);
CREATE INDEX policy_rules_document_idx ON policy_rules (document_id);

ALTER TABLE filings ADD COLUMN planned_fees_fen jsonb NOT NULL DEFAULT '{}' CHECK (jsonb_typeof(planned_fees_fen) = 'object');
-- { userId, name, role, at, text, source }
ALTER TABLE filings ADD COLUMN pledge jsonb;
`;
