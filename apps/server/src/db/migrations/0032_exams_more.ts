/**
 * Exams for everyone (issue 17 items 2, 4, 5): agreements that have a life (draft → in force → suspended /
 * terminated, 鄂教职成办函〔2021〕7号 三.6), the candidates' score reviews (成绩复核) during 成绩公示, and the approved
 * scale of a pilot (鄂教职成办函〔2021〕7号 四.2: 审核确定试点院校、证书及规模) with its changes.
 */
export const sql = /* sql */ `
-- Agreements recorded before this migration were in force from their signing.
ALTER TABLE pilot_agreements ADD COLUMN status text NOT NULL DEFAULT 'in_force'
  CHECK (status IN ('draft', 'in_force', 'suspended', 'terminated'));
ALTER TABLE pilot_agreements ADD COLUMN status_reason text CHECK (length(status_reason) <= 500);
ALTER TABLE pilot_agreements ADD COLUMN status_changed_at timestamptz;
ALTER TABLE pilot_agreements ADD COLUMN status_changed_by uuid REFERENCES users (id);
ALTER TABLE pilot_agreements ADD CONSTRAINT pilot_agreements_reason_check
  CHECK (status NOT IN ('suspended', 'terminated') OR status_reason IS NOT NULL);

CREATE TABLE pilot_agreement_events (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  agreement_id uuid NOT NULL REFERENCES pilot_agreements (id),
  province_code text NOT NULL REFERENCES regions (code),
  action text NOT NULL,
  from_status text NOT NULL,
  to_status text NOT NULL,
  reason text,
  actor_id uuid REFERENCES users (id),
  at timestamptz NOT NULL
);
CREATE INDEX pilot_agreement_events_agreement_idx ON pilot_agreement_events (agreement_id, at);

-- 成绩复核: a candidate asks during 成绩公示 about its current result; the organization upholds or corrects it.
CREATE TABLE score_reviews (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  registration_id uuid NOT NULL REFERENCES exam_registrations (id),
  session_id uuid NOT NULL REFERENCES exam_sessions (id),
  learner_id uuid NOT NULL REFERENCES learners (id),
  org_id uuid NOT NULL REFERENCES evaluation_orgs (id),
  school_id uuid REFERENCES schools (id),
  province_code text NOT NULL REFERENCES regions (code),
  city_code text NOT NULL REFERENCES regions (code),
  result_id uuid NOT NULL REFERENCES exam_results (id),
  original_score numeric(5, 1) NOT NULL,
  original_passed boolean NOT NULL,
  reason text NOT NULL CHECK (length(reason) BETWEEN 1 AND 500),
  status text NOT NULL DEFAULT 'open' CHECK (status IN ('open', 'upheld', 'corrected')),
  answer text CHECK (length(answer) <= 500),
  new_score numeric(5, 1),
  new_passed boolean,
  correction_import_id uuid REFERENCES result_imports (id),
  certificate_effect text CHECK (certificate_effect IN ('none', 'issued', 'revoked')),
  requested_at timestamptz NOT NULL,
  requested_by uuid REFERENCES users (id),
  decided_at timestamptz,
  decided_by uuid REFERENCES users (id),
  CHECK ((status = 'open') = (decided_at IS NULL)),
  CHECK (status = 'open' OR answer IS NOT NULL),
  CHECK ((status = 'corrected') = (new_score IS NOT NULL AND new_passed IS NOT NULL AND correction_import_id IS NOT NULL))
);
CREATE UNIQUE INDEX score_reviews_open_idx ON score_reviews (registration_id) WHERE status = 'open';
CREATE INDEX score_reviews_session_idx ON score_reviews (session_id, status);
CREATE INDEX score_reviews_org_idx ON score_reviews (org_id, status, requested_at);
CREATE INDEX score_reviews_learner_idx ON score_reviews (learner_id);
CREATE INDEX score_reviews_province_idx ON score_reviews (province_code);

-- 四.2: the number of candidates the province approved for a pilot (per exam year); null: not fixed.
ALTER TABLE filings ADD COLUMN approved_scale integer CHECK (approved_scale > 0);
CREATE TABLE filing_scale_events (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  filing_id uuid NOT NULL REFERENCES filings (id),
  province_code text NOT NULL REFERENCES regions (code),
  from_scale integer,
  to_scale integer NOT NULL CHECK (to_scale > 0),
  reason text,
  actor_id uuid REFERENCES users (id),
  at timestamptz NOT NULL
);
CREATE INDEX filing_scale_events_filing_idx ON filing_scale_events (filing_id, at);
`;
