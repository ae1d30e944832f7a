/**
 * Learner activation (issue 5): the public activation endpoint finds the learner by the SHA-256 of the
 * activation code (`WHERE activation_code_hash = $1 … FOR UPDATE`). Only learners not yet activated carry a code,
 * so a partial index keeps it small; the equality implies IS NOT NULL, so the planner uses it.
 */
export const sql = /* sql */ `
CREATE INDEX learners_activation_code_idx ON learners (activation_code_hash) WHERE activation_code_hash IS NOT NULL;
`;
