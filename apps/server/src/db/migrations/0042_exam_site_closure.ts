/**
 * An organization closes (撤销) an approved exam site with a reason (R5.1: the organization that approves sites also
 * withdraws them): the site leaves the public register and the province's shared register, takes no new sessions,
 * and keeps its history. Refused while a session there is not closed.
 */
export const sql = /* sql */ `
ALTER TABLE exam_sites DROP CONSTRAINT exam_sites_status_check;
ALTER TABLE exam_sites ADD CONSTRAINT exam_sites_status_check CHECK (status IN ('applied', 'approved', 'refused', 'closed'));
ALTER TABLE exam_sites ADD COLUMN closed_at timestamptz;
ALTER TABLE exam_sites ADD COLUMN closed_by uuid REFERENCES users (id);
ALTER TABLE exam_sites ADD COLUMN closed_reason text CHECK (length(closed_reason) <= 500);
ALTER TABLE exam_sites ADD CONSTRAINT exam_sites_closed_check
  CHECK ((status = 'closed') = (closed_at IS NOT NULL AND closed_reason IS NOT NULL));
`;
