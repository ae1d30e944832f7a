/**
 * 双随机一公开 (R8.4): each draw records the inspectors it left out of the pool because they belong to a drawn party
 * (their school or organization), with that party, so the draw page shows who was excluded and why — the fact at the
 * time of the draw, not recomputed from the pool as it is later.
 */
export const sql = /* sql */ `
ALTER TABLE inspection_draws ADD COLUMN excluded_inspectors jsonb NOT NULL DEFAULT '[]'::jsonb;
`;
