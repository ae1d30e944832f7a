/**
 * Budget adjustments (预算调整, issue 15 R4.5): spending beyond a line of an approved budget needs the approval
 * 001 第十三条 names for a budget, so an adjustment — the new lines and a reason — goes through the same chain
 * (二级学院（部）→ 教务部 → 主管校领导) and only its final approval replaces the budget's lines. At most one adjustment
 * of a budget is open at a time. Its steps are recorded in fund_budget_events with the adjustment's id.
 */
export const sql = /* sql */ `
CREATE TABLE fund_budget_adjustments (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  budget_id uuid NOT NULL REFERENCES fund_budgets (id),
  status text NOT NULL DEFAULT 'draft'
    CHECK (status IN ('draft', 'department_approved', 'academic_approved', 'approved', 'returned')),
  -- [{ category, amountFen }]: every line as it should stand once approved
  lines jsonb NOT NULL CHECK (jsonb_typeof(lines) = 'array'),
  reason text NOT NULL,
  created_at timestamptz NOT NULL,
  created_by uuid REFERENCES users (id),
  updated_at timestamptz NOT NULL
);
CREATE INDEX fund_budget_adjustments_budget_idx ON fund_budget_adjustments (budget_id, created_at);
CREATE UNIQUE INDEX fund_budget_adjustments_one_open ON fund_budget_adjustments (budget_id) WHERE status <> 'approved';

ALTER TABLE fund_budget_events ADD COLUMN adjustment_id uuid REFERENCES fund_budget_adjustments (id);
`;
