import { describe, expect, it } from 'vitest';
import { attachmentDisposition, cleanFileName, evidenceType, isPdf } from './files.rules';

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

describe('fund evidence check by content (R4.5): PDF, PNG or JPEG', () => {
  const png = () => {
    const chunk = (type: string, n: number) => Buffer.concat([Buffer.from([0, 0, 0, n]), Buffer.from(type, 'latin1'), Buffer.alloc(n + 4)]);
    return Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), chunk('IHDR', 13), chunk('IEND', 0)]);
  };
  const jpeg = (tail: number[] = []) =>
    Buffer.concat([Buffer.from([0xff, 0xd8, 0xff, 0xe1]), Buffer.alloc(40), Buffer.from([0xff, 0xd9, ...tail])]);

  it('R4.5 names the type found: a PDF, a PNG (signature, IHDR, IEND), a JPEG (SOI … EOI, a little padding allowed)', () => {
    expect(evidenceType(pdf())).toBe('application/pdf');
    expect(evidenceType(png())).toBe('image/png');
    expect(evidenceType(jpeg())).toBe('image/jpeg');
    expect(evidenceType(jpeg([0, 0, 0]))).toBe('image/jpeg');
  });

  it('R4.5 refuses disguised or truncated files', () => {
    expect(evidenceType(Buffer.from('<svg onload="alert(1)"></svg>'))).toBeNull();
    expect(evidenceType(Buffer.from('GIF89a\x01\x00\x01\x00'))).toBeNull();
    expect(evidenceType(Buffer.from('PK\u0003\u0004 a zip renamed to .png'))).toBeNull();
    expect(evidenceType(png().subarray(0, 30))).toBeNull(); // no IEND
    const noIhdr = png();
    noIhdr.write('IDAT', 12, 'latin1');
    expect(evidenceType(noIhdr)).toBeNull();
    expect(evidenceType(jpeg().subarray(0, 20))).toBeNull(); // no EOI
    expect(evidenceType(Buffer.from([0xff, 0xd8]))).toBeNull();
    expect(evidenceType(Buffer.alloc(0))).toBeNull();
  });
});
