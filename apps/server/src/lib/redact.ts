/** Keys whose values never reach the audit log or the logs: passwords, tokens, secrets, personal ID numbers. */
const SECRET_KEY = /password|passwd|token|secret|idnumber|id_number|authorization|cookie|private/i;

export function redact(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(redact);
  if (value && typeof value === 'object' && !(value instanceof Date)) {
    return Object.fromEntries(
      Object.entries(value as Record<string, unknown>).map(([k, v]) => [k, SECRET_KEY.test(k) ? '[已隐去]' : redact(v)]),
    );
  }
  return value;
}

/** Paths the HTTP logger censors. */
export const LOG_REDACT_PATHS = [
  'req.headers.authorization',
  'req.headers.cookie',
  'req.headers["x-csrf-token"]',
  'res.headers["set-cookie"]',
];
