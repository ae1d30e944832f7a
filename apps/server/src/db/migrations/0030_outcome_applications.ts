/**
 * Learners bring their own outcomes (issue 18 item 6): a learner applies to deposit an outcome obtained elsewhere (a
 * course of another school, a training, a competition, a certificate from elsewhere) with a PDF of evidence; the
 * learner's school, which holds the recognition rules, deposits it into the learning account (once: the ledger entry's
 * idempotency key is the application's) or refuses with a reason. Imports of learning accounts in the hand-off format
 * (item 8) are recorded in learning_account_imports (the file's hash: the same file twice writes nothing new).
 */
export const sql = /* sql */ `
CREATE TABLE outcome_applications (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  learner_id uuid NOT NULL REFERENCES learners (id),
  user_id uuid NOT NULL REFERENCES users (id),
  school_id uuid NOT NULL REFERENCES schools (id),
  province_code text NOT NULL REFERENCES regions (code),
  city_code text REFERENCES regions (code),
  outcome_type text NOT NULL CHECK (outcome_type IN ('certificate', 'course', 'training', 'competition', 'other')),
  name text NOT NULL CHECK (length(name) BETWEEN 1 AND 100),
  issuer text NOT NULL CHECK (length(issuer) BETWEEN 1 AND 100),
  level text,
  credits numeric(4, 1) NOT NULL CHECK (credits >= 0),
  hours numeric(6, 1) CHECK (hours >= 0),
  obtained_on date NOT NULL,
  evidence_file_id uuid NOT NULL REFERENCES files (id),
  note text,
  status text NOT NULL DEFAULT 'submitted' CHECK (status IN ('submitted', 'deposited', 'refused', 'withdrawn')),
  deposited_credits numeric(4, 1),
  learning_outcome_id uuid REFERENCES learning_outcomes (id),
  reason text,
  created_at timestamptz NOT NULL,
  decided_at timestamptz,
  decided_by uuid REFERENCES users (id),
  CHECK ((status = 'deposited') = (learning_outcome_id IS NOT NULL)),
  CHECK (status <> 'refused' OR reason IS NOT NULL)
);
CREATE INDEX outcome_applications_school_idx ON outcome_applications (school_id, status, created_at);
CREATE INDEX outcome_applications_user_idx ON outcome_applications (user_id, created_at);

CREATE TABLE learning_account_imports (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  account_id uuid NOT NULL REFERENCES learning_accounts (id),
  format text NOT NULL,
  issuer_url text NOT NULL,
  sha256 text NOT NULL,
  outcomes integer NOT NULL,
  written integer NOT NULL,
  created_at timestamptz NOT NULL,
  created_by uuid REFERENCES users (id)
);
CREATE INDEX learning_account_imports_account_idx ON learning_account_imports (account_id, created_at);

-- The verifiable credential an imported certificate outcome came with (carried on when the account is exported again).
CREATE TABLE learning_outcome_credentials (
  learning_outcome_id uuid PRIMARY KEY REFERENCES learning_outcomes (id),
  credential jsonb NOT NULL CHECK (jsonb_typeof(credential) = 'object')
);
`;
