/** Pure checks of uploaded files: content decides the type, never the name or the declared MIME type. */

export const MAX_PDF_BYTES = 20 * 1024 * 1024;
const PDF_HEADER = Buffer.from('%PDF-', 'latin1');
const PDF_EOF = Buffer.from('%%EOF', 'latin1');
/** Writers may put a few bytes (newlines, padding) after the last `%%EOF`; readers look in the last 1 KiB. */
const EOF_WINDOW = 1024;

/** A real PDF starts with `%PDF-` and has `%%EOF` near its end. */
export function isPdf(bytes: Buffer): boolean {
  if (bytes.length < PDF_HEADER.length + PDF_EOF.length) return false;
  if (!bytes.subarray(0, PDF_HEADER.length).equals(PDF_HEADER)) return false;
  return bytes.subarray(Math.max(0, bytes.length - EOF_WINDOW)).includes(PDF_EOF);
}

/** A file name safe to store and to echo back: no path, no control characters, bounded length. */
export function cleanFileName(name: string, fallback = 'document.pdf'): string {
  const base = name.split(/[\\/]/).pop() ?? '';
  // eslint-disable-next-line no-control-regex
  const clean = base.replace(/[\u0000-\u001f\u007f"]/g, '').trim();
  return (clean || fallback).slice(0, 200);
}

/** `Content-Disposition` for a download: always an attachment, the UTF-8 name per RFC 6266 / 5987. */
export function attachmentDisposition(name: string): string {
  const ascii = name.replace(/[^\x20-\x7e]/g, '_').replace(/["\\]/g, '_');
  return `attachment; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(name)}`;
}
