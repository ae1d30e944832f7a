/**
 * Background jobs count their attempts (issue 20 item 1): a job left `running` by a process that stopped is claimed
 * again after a while; one whose runs crashed the process (a spreadsheet bomb before the guarded reader) was claimed
 * forever. Each claim adds one; past the limit (lib/job-worker.ts MAX_JOB_ATTEMPTS) the job is marked failed with
 * its reason instead of being run again.
 */
export const sql = /* sql */ `
ALTER TABLE result_imports ADD COLUMN attempts integer NOT NULL DEFAULT 0;
ALTER TABLE certificate_pdf_jobs ADD COLUMN attempts integer NOT NULL DEFAULT 0;
`;
