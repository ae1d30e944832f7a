import { describe, expect, it } from 'vitest';
import { attachmentDisposition, cleanFileName, isPdf, sniffDocumentOrImage } from './files.rules';

const pdf = (tail = '\n') => Buffer.from(`%PDF-1.4\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF${tail}`, 'latin1');

describe('PDF check by content (R3.4, R1.1 standard documents)', () => {
  it('accepts a PDF: header %PDF- and %%EOF near the end', () => {
    expect(isPdf(pdf())).toBe(true);
    expect(isPdf(pdf(''))).toBe(true);
  });
  it('refuses other content, whatever the name says', () => {
    expect(isPdf(Buffer.from('PK\u0003\u0004 a zip renamed to .pdf'))).toBe(false);
    expect(isPdf(Buffer.from('<html>%PDF-</html>'))).toBe(false);
    expect(isPdf(Buffer.from('%PDF-1.4 truncated without end'))).toBe(false);
    expect(isPdf(Buffer.concat([pdf(), Buffer.alloc(4096)]))).toBe(false);
    expect(isPdf(Buffer.alloc(0))).toBe(false);
  });
  it('cleans names and makes attachment headers', () => {
    expect(cleanFileName('../../etc/标准 v1.pdf')).toBe('标准 v1.pdf');
    expect(cleanFileName('\u0000')).toBe('document.pdf');
    expect(attachmentDisposition('标准.pdf')).toBe(`attachment; filename="__.pdf"; filename*=UTF-8''${encodeURIComponent('标准.pdf')}`);
  });
});

const png = Buffer.concat([
  Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13]),
  Buffer.from('IHDR'),
  Buffer.alloc(17),
]);
const jpeg = Buffer.concat([Buffer.from([0xff, 0xd8, 0xff, 0xe0]), Buffer.alloc(16), Buffer.from([0xff, 0xd9])]);

describe('R8.5 complaint attachments: PDF, PNG or JPEG by content', () => {
  it('recognizes each by its bytes', () => {
    expect(sniffDocumentOrImage(pdf())).toBe('application/pdf');
    expect(sniffDocumentOrImage(png)).toBe('image/png');
    expect(sniffDocumentOrImage(jpeg)).toBe('image/jpeg');
  });
  it('refuses anything else, and truncated images', () => {
    expect(sniffDocumentOrImage(Buffer.from('<svg onload="alert(1)"></svg>'))).toBeNull();
    expect(sniffDocumentOrImage(Buffer.from('GIF89a……'))).toBeNull();
    expect(sniffDocumentOrImage(png.subarray(0, 10))).toBeNull();
    expect(sniffDocumentOrImage(jpeg.subarray(0, jpeg.length - 2))).toBeNull();
  });
});
