import type { FastifyRequest } from 'fastify';

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
const LOG_REDACT_PATHS = ['req.headers.authorization', 'req.headers.cookie', 'req.headers["x-csrf-token"]', 'res.headers["set-cookie"]'];

/**
 * The HTTP logger: Fastify's request fields with the secrets of the query string (ID numbers, tokens, names) hidden,
 * and the secret headers censored.
 */
export function httpLoggerOptions(level: string) {
  return {
    level,
    redact: LOG_REDACT_PATHS,
    serializers: {
      req: (req: FastifyRequest) => ({
        method: req.method,
        url: redactUrl(req.url),
        host: req.host,
        remoteAddress: req.ip,
        remotePort: req.socket?.remotePort,
      }),
    },
  };
}

/** Query parameters whose values stay out of the request log: the secrets above and a person's name (verification). */
const SECRET_QUERY_KEY = new RegExp(`${SECRET_KEY.source}|^name$`, 'i');

/** The request URL as logged: `?idNumber=440…&page=1` becomes `?idNumber=[已隐去]&page=1`. */
export function redactUrl(url: string): string {
  const q = url.indexOf('?');
  if (q < 0) return url;
  const params = url
    .slice(q + 1)
    .split('&')
    .map((pair) => {
      const eq = pair.indexOf('=');
      const key = decodeURIComponentSafe(eq < 0 ? pair : pair.slice(0, eq));
      return eq >= 0 && SECRET_QUERY_KEY.test(key) ? `${pair.slice(0, eq)}=[已隐去]` : pair;
    });
  return `${url.slice(0, q)}?${params.join('&')}`;
}

function decodeURIComponentSafe(s: string): string {
  try {
    return decodeURIComponent(s);
  } catch {
    return s;
  }
}
