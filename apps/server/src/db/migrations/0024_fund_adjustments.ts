/**
 * Budget adjustments (预算调整, issue 15 R4.5): spending beyond a line of an approved budget needs the approval
 * 001 第十三条 names for a budget, so an adjustment — the new lines and a reason — goes through the same chain
 * (二级学院（部）→ 教务部 → 主管校领导) and only its final approval replaces the budget's lines. At most one adjustment
 * of a budget is open at a time. Its steps are recorded in fund_budget_events with the adjustment's id. Budgets and
 * adjustments gain the state `submitted` (报: the school submits before the department reviews).
 */
export const sql = /* sql */ `
-- A budget is submitted (报) before the department reviews it; its lines change only while draft or returned.
ALTER TABLE fund_budgets DROP CONSTRAINT fund_budgets_status_check;
ALTER TABLE fund_budgets ADD CONSTRAINT fund_budgets_status_check
  CHECK (status IN ('draft', 'submitted', 'department_approved', 'academic_approved', 'approved', 'returned'));

CREATE TABLE fund_budget_adjustments (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  budget_id uuid NOT NULL REFERENCES fund_budgets (id),
  status text NOT NULL DEFAULT 'draft'
    CHECK (status IN ('draft', 'submitted', 'department_approved', 'academic_approved', 'approved', 'returned')),
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
