/**
 * Supervision (issue 13; R8):
 * - complaints (R8.5): filed without an account, found again by a random tracking code; routed to the administrator
 *   whose scope holds the subject (handler level city | province | national, with the handler's region codes, which
 *   are the scope columns); the complainant's contact is sealed (AES-256-GCM, lib/secret-box); the handling deadline
 *   is a date (China time). complaint_events is the append-only history (filed, accept, transfer, reply, close,
 *   escalate).
 */
export const sql = /* sql */ `
CREATE TABLE complaints (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  tracking_code text NOT NULL UNIQUE CHECK (length(tracking_code) >= 12),
  category text NOT NULL CHECK (category IN ('bundled_sales', 'overcharging', 'unlawful_training', 'forced_registration',
                                             'certificate_as_graduation', 'training_fee_charged', 'other')),
  subject_type text NOT NULL CHECK (subject_type IN ('school', 'organization', 'certificateType')),
  subject_id uuid NOT NULL,
  subject_name text NOT NULL,
  subject_province_code text REFERENCES regions (code),
  subject_city_code text REFERENCES regions (code),
  content text NOT NULL CHECK (length(content) BETWEEN 1 AND 2000),
  contact_name_sealed text,
  contact_phone_sealed text,
  status text NOT NULL DEFAULT 'received' CHECK (status IN ('received', 'in_progress', 'replied', 'closed')),
  level text NOT NULL CHECK (level IN ('city', 'province', 'national')),
  province_code text REFERENCES regions (code),
  city_code text REFERENCES regions (code),
  CHECK ((level = 'national' AND province_code IS NULL AND city_code IS NULL)
      OR (level = 'province' AND province_code IS NOT NULL AND city_code IS NULL)
      OR (level = 'city' AND province_code IS NOT NULL AND city_code IS NOT NULL)),
  deadline date NOT NULL,
  escalations integer NOT NULL DEFAULT 0,
  reply text,
  filed_at timestamptz NOT NULL,
  client_ip text,
  updated_at timestamptz NOT NULL
);
CREATE INDEX complaints_province_idx ON complaints (province_code, filed_at DESC);
CREATE INDEX complaints_city_idx ON complaints (city_code, filed_at DESC);
CREATE INDEX complaints_open_deadline_idx ON complaints (deadline) WHERE status IN ('received', 'in_progress');

CREATE TABLE complaint_events (
  id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  complaint_id uuid NOT NULL REFERENCES complaints (id),
  at timestamptz NOT NULL,
  actor_id uuid REFERENCES users (id),
  action text NOT NULL,
  from_status text,
  to_status text NOT NULL,
  level text NOT NULL,
  province_code text,
  city_code text,
  comment text
);
CREATE INDEX complaint_events_complaint_idx ON complaint_events (complaint_id, id);
`;
