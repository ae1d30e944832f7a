/**
 * Hardening (issue 20 #3, #9): failed logins are counted per client address (password spraying), and attempts on
 * records outside an actor's scope (404 from a scope check) or beyond its role (403) are kept as security events
 * the national administrator reviews.
 */
export const sql = `
CREATE INDEX login_attempts_client_ip_at_idx ON login_attempts (client_ip, at);

CREATE TABLE security_events (
  id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  at timestamptz NOT NULL,
  kind text NOT NULL CHECK (kind IN ('forbidden', 'out_of_scope')),
  code text NOT NULL,
  actor_id uuid,
  actor_username text,
  actor_role text,
  method text NOT NULL,
  route text NOT NULL,
  target text NOT NULL,
  client_ip text,
  request_id text
);
CREATE INDEX security_events_at_idx ON security_events (at DESC, id DESC);
CREATE INDEX security_events_actor_idx ON security_events (lower(actor_username), at DESC);
`;
