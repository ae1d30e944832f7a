import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';

/**
 * Chinese text in the PDFs the server draws with pdfkit (filing annexes R3.10, certificates R6.4): the OTF fonts of
 * @embedpdf/fonts-sc (Noto Sans SC), read once, registered as `zh` and `zh-bold`; pdfkit subsets them into each file.
 */

type Doc = PDFKit.PDFDocument;

const FONT_FILES = { regular: 'NotoSansHans-Regular.otf', bold: 'NotoSansHans-Medium.otf' } as const;
const fontCache = new Map<string, Buffer>();

/** The OTF fonts of @embedpdf/fonts-sc (read once; ≈ 8 MB each, subset into each PDF). */
function font(kind: keyof typeof FONT_FILES): Buffer {
  let f = fontCache.get(kind);
  if (!f) {
    const main = createRequire(import.meta.url).resolve('@embedpdf/fonts-sc');
    f = readFileSync(path.join(path.dirname(main), '..', 'fonts', FONT_FILES[kind]));
    fontCache.set(kind, f);
  }
  return f;
}

/** Registers `zh` (regular) and `zh-bold` (medium) on `doc`. */
export function registerChineseFonts(doc: Doc): void {
  doc.registerFont('zh', font('regular'));
  doc.registerFont('zh-bold', font('bold'));
}

/** Ends `doc` and resolves with the whole file. */
export function pdfToBuffer(doc: Doc): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    doc.on('data', (c: Buffer) => chunks.push(c));
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
    doc.end();
  });
}
