/**
 * Export jobs (R10.2, issue 16 item 4): a list export of more rows than EXPORT_JOB_THRESHOLD is written by a background
 * worker (claimed with FOR UPDATE SKIP LOCKED, attempts counted as in 0016) into `files`. The job keeps what the list
 * route needs to run again on behalf of its requester: the route, its path parameters and the raw query string. Only
 * the requester sees the job; it and its file are deleted after `expires_at`.
 */
export const sql = /* sql */ `
CREATE TABLE export_jobs (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  requested_by uuid NOT NULL REFERENCES users (id),
  route text NOT NULL,
  path text NOT NULL,
  params jsonb NOT NULL DEFAULT '{}',
  query text NOT NULL DEFAULT '',
  status text NOT NULL DEFAULT 'queued' CHECK (status IN ('queued', 'running', 'succeeded', 'failed')),
  total integer NOT NULL DEFAULT 0 CHECK (total >= 0),
  done integer NOT NULL DEFAULT 0 CHECK (done >= 0),
  file_id uuid REFERENCES files (id),
  message text,
  attempts integer NOT NULL DEFAULT 0,
  created_at timestamptz NOT NULL,
  started_at timestamptz,
  finished_at timestamptz,
  expires_at timestamptz NOT NULL
);
CREATE INDEX export_jobs_queue_idx ON export_jobs (created_at) WHERE status IN ('queued', 'running');
CREATE INDEX export_jobs_expiry_idx ON export_jobs (expires_at);
CREATE INDEX export_jobs_requester_idx ON export_jobs (requested_by, created_at);
`;
