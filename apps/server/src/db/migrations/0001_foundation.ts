/** Foundation: regions, organizations, schools, departments, accounts, sessions, API tokens, audit log. */
export const sql = /* sql */ `
CREATE TABLE regions (
  code text PRIMARY KEY CHECK (code ~ '^[0-9]{6}$'),
  name text NOT NULL,
  level text NOT NULL CHECK (level IN ('province', 'city')),
  parent_code text REFERENCES regions (code)
);
CREATE INDEX regions_parent_idx ON regions (parent_code);

CREATE TABLE evaluation_orgs (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  code text NOT NULL UNIQUE,
  name text NOT NULL UNIQUE,
  created_at timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE schools (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  name text NOT NULL UNIQUE,
  school_type text NOT NULL CHECK (school_type IN ('secondary', 'higher', 'undergrad_pilot', 'applied_undergrad', 'open_university')),
  province_code text NOT NULL REFERENCES regions (code),
  city_code text NOT NULL REFERENCES regions (code),
  created_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX schools_province_idx ON schools (province_code);
CREATE INDEX schools_city_idx ON schools (city_code);

CREATE TABLE departments (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  school_id uuid NOT NULL REFERENCES schools (id),
  name text NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now(),
  UNIQUE (school_id, name)
);

CREATE TABLE users (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  username text NOT NULL,
  display_name text NOT NULL,
  password_hash text NOT NULL,
  role text NOT NULL CHECK (role IN ('national_admin', 'province_admin', 'municipal_admin', 'expert', 'school_admin',
    'department_admin', 'project_leader', 'org_admin', 'learner')),
  province_code text REFERENCES regions (code),
  city_code text REFERENCES regions (code),
  school_id uuid REFERENCES schools (id),
  department_id uuid REFERENCES departments (id),
  org_id uuid REFERENCES evaluation_orgs (id),
  status text NOT NULL DEFAULT 'active' CHECK (status IN ('active', 'disabled')),
  created_at timestamptz NOT NULL,
  created_by uuid REFERENCES users (id),
  password_changed_at timestamptz
);
CREATE UNIQUE INDEX users_username_idx ON users (lower(username));
CREATE INDEX users_province_idx ON users (province_code);
CREATE INDEX users_school_idx ON users (school_id);
CREATE INDEX users_org_idx ON users (org_id);

CREATE TABLE sessions (
  id text PRIMARY KEY,
  user_id uuid NOT NULL REFERENCES users (id) ON DELETE CASCADE,
  csrf_token text NOT NULL,
  created_at timestamptz NOT NULL,
  last_seen_at timestamptz NOT NULL,
  expires_at timestamptz NOT NULL,
  client_ip text,
  user_agent text
);
CREATE INDEX sessions_user_idx ON sessions (user_id);

CREATE TABLE login_attempts (
  id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  username text NOT NULL,
  at timestamptz NOT NULL,
  succeeded boolean NOT NULL,
  client_ip text
);
CREATE INDEX login_attempts_username_at_idx ON login_attempts (lower(username), at);

CREATE TABLE api_tokens (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  user_id uuid NOT NULL REFERENCES users (id),
  name text NOT NULL,
  token_hash text NOT NULL UNIQUE,
  created_at timestamptz NOT NULL,
  last_used_at timestamptz,
  revoked_at timestamptz
);
CREATE INDEX api_tokens_user_idx ON api_tokens (user_id);

CREATE TABLE audit_log (
  id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  at timestamptz NOT NULL,
  actor_id uuid,
  actor_username text,
  actor_role text,
  action text NOT NULL,
  target_type text NOT NULL,
  target_id text,
  summary jsonb NOT NULL DEFAULT '{}',
  request_id text,
  client_ip text,
  province_code text,
  city_code text,
  school_id uuid,
  org_id uuid,
  prev_hash text NOT NULL,
  hash text NOT NULL
);
CREATE INDEX audit_log_at_idx ON audit_log (at);
CREATE INDEX audit_log_province_idx ON audit_log (province_code, at);
CREATE INDEX audit_log_school_idx ON audit_log (school_id, at);
CREATE INDEX audit_log_org_idx ON audit_log (org_id, at);
`;
