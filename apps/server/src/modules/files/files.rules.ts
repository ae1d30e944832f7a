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

const PNG_SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
/** A PNG starts with its 8-byte signature followed by the IHDR chunk. */
export function isPng(bytes: Buffer): boolean {
  return bytes.length > 24 && bytes.subarray(0, 8).equals(PNG_SIGNATURE) && bytes.subarray(12, 16).toString('latin1') === 'IHDR';
}

/** A JPEG starts with SOI (FF D8) and a marker (FF xx), and ends with EOI (FF D9), allowing a little trailing padding. */
export function isJpeg(bytes: Buffer): boolean {
  if (bytes.length < 8 || bytes[0] !== 0xff || bytes[1] !== 0xd8 || bytes[2] !== 0xff) return false;
  const tail = bytes.subarray(Math.max(0, bytes.length - 64));
  for (let i = tail.length - 2; i >= 0; i--) if (tail[i] === 0xff && tail[i + 1] === 0xd9) return true;
  return false;
}

/** The type of a PDF, PNG or JPEG upload by its content; null for anything else (whatever its name says). */
export function sniffDocumentOrImage(bytes: Buffer): 'application/pdf' | 'image/png' | 'image/jpeg' | null {
  if (isPdf(bytes)) return 'application/pdf';
  if (isPng(bytes)) return 'image/png';
  if (isJpeg(bytes)) return 'image/jpeg';
  return null;
}
