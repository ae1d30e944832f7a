/**
 * Special funds (issue 15, R4.5–R4.6): budgets per approved pilot (filing) and year with lines by category, the
 * approval chain's events, the append-only ledger (a correction is a reversing entry; UPDATE and DELETE are refused
 * by a trigger so that what an auditor sees is what was written), and the province's factor-method allocations.
 */
export const sql = /* sql */ `
CREATE TABLE fund_budgets (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  filing_id uuid NOT NULL REFERENCES filings (id),
  school_id uuid NOT NULL REFERENCES schools (id),
  department_id uuid NOT NULL REFERENCES departments (id),
  province_code text NOT NULL REFERENCES regions (code),
  city_code text NOT NULL REFERENCES regions (code),
  year integer NOT NULL CHECK (year BETWEEN 2000 AND 2100),
  status text NOT NULL DEFAULT 'draft'
    CHECK (status IN ('draft', 'department_approved', 'academic_approved', 'approved', 'returned')),
  created_at timestamptz NOT NULL,
  created_by uuid REFERENCES users (id),
  updated_at timestamptz NOT NULL,
  UNIQUE (filing_id, year)
);
CREATE INDEX fund_budgets_school_idx ON fund_budgets (school_id, year);
CREATE INDEX fund_budgets_province_idx ON fund_budgets (province_code, year);

CREATE TABLE fund_budget_lines (
  budget_id uuid NOT NULL REFERENCES fund_budgets (id),
  category text NOT NULL CHECK (category IN ('teacher_training', 'equipment', 'certification', 'materials', 'other')),
  amount_fen bigint NOT NULL CHECK (amount_fen >= 0),
  PRIMARY KEY (budget_id, category)
);

CREATE TABLE fund_budget_events (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  budget_id uuid NOT NULL REFERENCES fund_budgets (id),
  action text NOT NULL,
  from_status text NOT NULL,
  to_status text NOT NULL,
  actor_id uuid REFERENCES users (id),
  actor_name text NOT NULL,
  comment text,
  at timestamptz NOT NULL
);
CREATE INDEX fund_budget_events_budget_idx ON fund_budget_events (budget_id, at);

CREATE TABLE fund_entries (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  budget_id uuid NOT NULL REFERENCES fund_budgets (id),
  school_id uuid NOT NULL REFERENCES schools (id),
  province_code text NOT NULL REFERENCES regions (code),
  city_code text NOT NULL REFERENCES regions (code),
  kind text NOT NULL CHECK (kind IN ('spending', 'income', 'reversal')),
  category text CHECK (category IN ('teacher_training', 'equipment', 'certification', 'materials', 'other')),
  income_source text CHECK (income_source IN ('exam_service_fee', 'provincial_allocation')),
  -- signed fen: income > 0, spending < 0, a reversal the negation of what it reverses
  amount_fen bigint NOT NULL CHECK (amount_fen <> 0),
  entry_date date NOT NULL,
  counterparty text NOT NULL,
  purpose text NOT NULL,
  evidence_file_id uuid REFERENCES files (id),
  fee_settlement_id uuid REFERENCES fee_settlements (id),
  allocation_id uuid,
  reverses_entry_id uuid UNIQUE REFERENCES fund_entries (id),
  reason text,
  created_at timestamptz NOT NULL,
  created_by uuid REFERENCES users (id),
  CHECK (kind <> 'spending' OR (amount_fen < 0 AND category IS NOT NULL)),
  CHECK (kind <> 'income' OR (amount_fen > 0 AND income_source IS NOT NULL)),
  CHECK (kind <> 'reversal' OR (reverses_entry_id IS NOT NULL AND reason IS NOT NULL))
);
CREATE INDEX fund_entries_budget_idx ON fund_entries (budget_id, category);
CREATE INDEX fund_entries_school_idx ON fund_entries (school_id);

CREATE FUNCTION fund_entries_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'fund_entries is append-only; record a reversing entry instead';
END;
$$;
CREATE TRIGGER fund_entries_no_change BEFORE UPDATE OR DELETE ON fund_entries
  FOR EACH ROW EXECUTE FUNCTION fund_entries_append_only();

CREATE TABLE fund_allocations (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  province_code text NOT NULL REFERENCES regions (code),
  year integer NOT NULL CHECK (year BETWEEN 2000 AND 2100),
  total_fen bigint NOT NULL CHECK (total_fen >= 0),
  -- [{ factor, weight }]: the factors and weights the province chose (data, see packages/shared FUND_FACTORS)
  weights jsonb NOT NULL CHECK (jsonb_typeof(weights) = 'array'),
  status text NOT NULL DEFAULT 'draft' CHECK (status IN ('draft', 'published')),
  created_at timestamptz NOT NULL,
  created_by uuid REFERENCES users (id),
  published_at timestamptz
);
CREATE INDEX fund_allocations_province_idx ON fund_allocations (province_code, year);

CREATE TABLE fund_allocation_shares (
  allocation_id uuid NOT NULL REFERENCES fund_allocations (id),
  school_id uuid NOT NULL REFERENCES schools (id),
  -- the facts and normalised factor values the share was computed from (the explanation)
  factors jsonb NOT NULL,
  computed_fen bigint NOT NULL CHECK (computed_fen >= 0),
  adjusted_fen bigint CHECK (adjusted_fen >= 0),
  adjust_reason text,
  PRIMARY KEY (allocation_id, school_id),
  CHECK ((adjusted_fen IS NULL) = (adjust_reason IS NULL))
);
`;
