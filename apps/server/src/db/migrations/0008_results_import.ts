/**
 * Results import and pass rates (issue 5; R5.5, R5.6).
 * exam_result_facts: each current (not superseded) result with the dimensions pass rates are grouped by —
 * session, organization, certificate, level, exam year, pilot (filing), school (and department), the candidate's
 * province and city. result_imports.message: why a job failed when it is not about rows.
 * certificate_pass_rates (0005, read by the filing rule R3.9) is refreshed from it by every results import,
 * in the import's transaction; its rows for years without results on the platform stay as entered.
 */
export const sql = /* sql */ `
CREATE VIEW exam_result_facts AS
SELECT er.id AS result_id,
       er.session_id,
       er.registration_id,
       er.score,
       er.passed,
       s.org_id,
       s.certificate_type_id,
       s.level,
       CAST(EXTRACT(YEAR FROM s.exam_date) AS integer) AS year,
       r.filing_id,
       r.school_id,
       r.province_code,
       l.city_code,
       l.department_id
FROM exam_results er
JOIN exam_sessions s ON s.id = er.session_id
JOIN exam_registrations r ON r.id = er.registration_id
JOIN learners l ON l.id = r.learner_id
WHERE er.superseded_at IS NULL;

-- A job's failure that is not about rows (the session's status, results that exist), in Chinese.
ALTER TABLE result_imports ADD COLUMN message text;

-- Jobs are claimed oldest first among the queued ones (FOR UPDATE SKIP LOCKED).
CREATE INDEX result_imports_queue_idx ON result_imports (created_at) WHERE status IN ('queued', 'running');
`;
