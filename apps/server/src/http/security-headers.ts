import type { FastifyHelmetOptions } from '@fastify/helmet';

/**
 * The web app's Content-Security-Policy (issue 20 #9). The built app (Vite) loads same-origin module scripts only;
 * antd writes inline styles; QR codes and icons are data: images; fonts are bundled; the API is same-origin.
 * Nothing comes from another host, and no page may frame ours (clickjacking). The Swagger UI at /api/docs fits
 * the same policy (same-origin scripts, inline styles, data: images). Downloads set a stricter CSP of their own
 * (`default-src 'none'; sandbox`, modules/files).
 */
export const CONTENT_SECURITY_POLICY = {
  'default-src': ["'self'"],
  'script-src': ["'self'"],
  'style-src': ["'self'", "'unsafe-inline'"],
  'img-src': ["'self'", 'data:', 'blob:'],
  'font-src': ["'self'", 'data:'],
  'connect-src': ["'self'"],
  'object-src': ["'none'"],
  'base-uri': ["'self'"],
  'form-action': ["'self'"],
  'frame-ancestors': ["'none'"],
};

export const HELMET_OPTIONS: FastifyHelmetOptions = {
  global: true,
  // Defaults off: helmet's own add upgrade-insecure-requests, which breaks a plain-HTTP intranet deployment.
  contentSecurityPolicy: { useDefaults: false, directives: CONTENT_SECURITY_POLICY },
  referrerPolicy: { policy: 'same-origin' },
  frameguard: { action: 'deny' },
};
