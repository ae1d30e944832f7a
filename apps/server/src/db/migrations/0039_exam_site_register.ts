/**
 * Exam sites registered by organizations and the public register (issue 17 item 8; R5.1, 000 §三(四), 003 §二(五)):
 * a site records who registered it (`registered_by`: a school's application the organization approved, or the
 * organization's own site, in force at once and never hosted by a school), the levels examined there (`levels`; NULL:
 * every level of the certificate) and when it was last edited. The public register 考核站点名录 reads approved sites of
 * every organization by province and city.
 */
export const sql = /* sql */ `
ALTER TABLE exam_sites
  ADD COLUMN registered_by text NOT NULL DEFAULT 'school' CHECK (registered_by IN ('school', 'organization')),
  ADD COLUMN levels text[] CHECK (
    levels IS NULL OR (cardinality(levels) > 0 AND levels <@ ARRAY['junior', 'intermediate', 'senior']::text[])
  ),
  ADD COLUMN updated_at timestamptz,
  ADD CONSTRAINT exam_sites_org_site_has_no_school CHECK (registered_by = 'school' OR school_id IS NULL);

CREATE INDEX exam_sites_public_idx ON exam_sites (province_code, city_code, org_id) WHERE status = 'approved';
`;
