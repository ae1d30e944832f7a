/**
 * Fee policy per province and the organizations' fee notices (issue 17 item 6; 教职成〔2019〕6号 四（一）, R1.2):
 * an organization publishes its 收费公告 per certificate level — the fee for pilot schools and the fee for social
 * candidates, each at most the level's national cap when published, and the date it takes effect. The notice in force
 * for a level on a date is the latest one effective by then; earlier ones stay as history. Agreements may not exceed
 * the school fee in force, and social candidates pay the social fee in force (never above the cap applicable where
 * they sit the exam). The social fees published before this migration become notices in force from their publication.
 */
export const sql = /* sql */ `
CREATE TABLE org_fee_notices (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  org_id uuid NOT NULL REFERENCES evaluation_orgs (id),
  certificate_type_id uuid NOT NULL REFERENCES certificate_types (id),
  level text NOT NULL CHECK (level IN ('junior', 'intermediate', 'senior')),
  school_fee_fen integer CHECK (school_fee_fen >= 0),
  social_fee_fen integer CHECK (social_fee_fen >= 0),
  cap_fen integer NOT NULL CHECK (cap_fen >= 0),
  effective_on date NOT NULL,
  note text CHECK (length(note) <= 500),
  published_at timestamptz NOT NULL,
  published_by uuid REFERENCES users (id),
  CHECK (school_fee_fen IS NOT NULL OR social_fee_fen IS NOT NULL),
  CHECK (school_fee_fen IS NULL OR school_fee_fen <= cap_fen),
  CHECK (social_fee_fen IS NULL OR social_fee_fen <= cap_fen)
);
CREATE INDEX org_fee_notices_level_idx ON org_fee_notices (certificate_type_id, level, effective_on DESC, published_at DESC);
CREATE INDEX org_fee_notices_org_idx ON org_fee_notices (org_id, published_at);

INSERT INTO org_fee_notices (org_id, certificate_type_id, level, social_fee_fen, cap_fen, effective_on, published_at, published_by)
SELECT org_id, certificate_type_id, level, fee_fen, cap_fen, ((published_at AT TIME ZONE 'UTC') + interval '8 hours')::date,
       published_at, published_by
FROM social_exam_fees;
`;
