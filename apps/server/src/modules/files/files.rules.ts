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

/** Evidence of a fund entry (an invoice or receipt, scanned or photographed) is capped lower than documents. */
export const MAX_EVIDENCE_BYTES = 10 * 1024 * 1024;
export const EVIDENCE_TYPES = ['application/pdf', 'image/png', 'image/jpeg'] as const;
export type EvidenceType = (typeof EVIDENCE_TYPES)[number];
const PNG_SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
const PNG_IEND = Buffer.from('IEND', 'latin1');

/** A PNG starts with its 8-byte signature and an IHDR chunk, and has an IEND chunk at its end. */
export function isPng(bytes: Buffer): boolean {
  return (
    bytes.length >= 8 + 25 + 12 &&
    bytes.subarray(0, 8).equals(PNG_SIGNATURE) &&
    bytes.subarray(12, 16).toString('latin1') === 'IHDR' &&
    bytes.subarray(Math.max(0, bytes.length - 64)).includes(PNG_IEND)
  );
}

/** A JPEG starts with SOI and a marker (FF D8 FF) and ends with EOI (FF D9), allowing a little trailing padding. */
export function isJpeg(bytes: Buffer): boolean {
  if (bytes.length < 4 || bytes[0] !== 0xff || bytes[1] !== 0xd8 || bytes[2] !== 0xff) return false;
  const tail = bytes.subarray(Math.max(2, bytes.length - 64));
  return tail.includes(Buffer.from([0xff, 0xd9]));
}

/** The type of evidence (a fund entry's invoice, a complaint's attachment) by its content, never its name or declared type; null otherwise. */
export function evidenceType(bytes: Buffer): EvidenceType | null {
  if (isPdf(bytes)) return 'application/pdf';
  if (isPng(bytes)) return 'image/png';
  if (isJpeg(bytes)) return 'image/jpeg';
  return null;
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

/** Notice attachments (R9.1): PDF, Word, Excel or images, decided by content. */
export const NOTICE_ATTACHMENT_TYPES = [
  'application/pdf',
  'image/png',
  'image/jpeg',
  'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  'application/msword',
  'application/vnd.ms-excel',
] as const;
export type NoticeAttachmentType = (typeof NOTICE_ATTACHMENT_TYPES)[number];

const ZIP_LOCAL = Buffer.from([0x50, 0x4b, 0x03, 0x04]);
const ZIP_END = Buffer.from([0x50, 0x4b, 0x05, 0x06]);
const CFB_SIGNATURE = Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]);
const utf16 = (s: string) => Buffer.from(s, 'utf16le');

/**
 * An Office Open XML document (a ZIP whose entry names are stored in clear): `[Content_Types].xml` and the main part
 * `word/document.xml` (Word) or `xl/workbook.xml` (Excel), with the ZIP's end record near its end.
 */
function ooxmlType(bytes: Buffer): NoticeAttachmentType | null {
  if (bytes.length < 100 || !bytes.subarray(0, 4).equals(ZIP_LOCAL)) return null;
  if (!bytes.subarray(Math.max(0, bytes.length - 65_557)).includes(ZIP_END)) return null;
  if (!bytes.includes('[Content_Types].xml', 0, 'latin1')) return null;
  if (bytes.includes('word/document.xml', 0, 'latin1')) return NOTICE_ATTACHMENT_TYPES[3];
  if (bytes.includes('xl/workbook.xml', 0, 'latin1')) return NOTICE_ATTACHMENT_TYPES[4];
  return null;
}

/** A legacy Word (.doc) or Excel (.xls) file: an OLE compound file holding a `WordDocument` or `Workbook`/`Book` stream. */
function cfbType(bytes: Buffer): NoticeAttachmentType | null {
  if (bytes.length < 512 || !bytes.subarray(0, 8).equals(CFB_SIGNATURE)) return null;
  if (bytes.includes(utf16('WordDocument'))) return 'application/msword';
  if (bytes.includes(utf16('Workbook')) || bytes.includes(utf16('Book'))) return 'application/vnd.ms-excel';
  return null;
}

/** The type of a notice attachment by its content (never its name or declared type); null when it is none of them. */
export function noticeAttachmentType(bytes: Buffer): NoticeAttachmentType | null {
  return evidenceType(bytes) ?? ooxmlType(bytes) ?? cfbType(bytes);
}
