import { newPdfDocument } from '../../lib/on-demand';
import { pdfToBuffer, registerChineseFonts } from '../../lib/pdf-fonts';

/**
 * A small grid-table layer over pdfkit for the printable annexes (R3.10): A4, Noto Sans SC (OTF, subset by pdfkit),
 * cells with borders, label cells spanning a block of rows, rows split across pages when a text is too long.
 */

type Doc = PDFKit.PDFDocument;

export const MARGIN = 56;
const PAD = 4;
const MIN_ROW = 22;
export const BODY_SIZE = 10.5;

export async function newA4(title: string): Promise<Doc> {
  const doc = await newPdfDocument({ size: 'A4', margin: MARGIN, info: { Title: title, Creator: '1+X 证书信息管理服务平台' } });
  registerChineseFonts(doc);
  doc.font('zh').fontSize(BODY_SIZE);
  return doc;
}

export const toBuffer = pdfToBuffer;

export interface Cell {
  text: string;
  /** Column index where the cell starts. */
  col: number;
  span?: number;
  align?: 'left' | 'center';
  bold?: boolean;
}
export interface Row {
  cells: Cell[];
  minHeight?: number;
}
/** Rows with an optional label cell spanning them all in the first `label.span` columns. */
export interface Block {
  label?: { text: string; span: number };
  rows: Row[];
  /**
   * By default a block that fits on a page starts on a new page rather than being split; a long table says false and
   * flows from where it is (only its first two rows are kept together), so no page is left half empty.
   */
  keepTogether?: boolean;
}

export class Grid {
  private readonly xs: number[];
  constructor(
    private readonly doc: Doc,
    private readonly widths: readonly number[],
  ) {
    this.xs = widths.reduce<number[]>((a, w) => [...a, a[a.length - 1]! + w], [MARGIN]);
  }

  private width(col: number, span = 1) {
    return this.xs[col + span]! - this.xs[col]!;
  }

  private textHeight(text: string, width: number, bold = false) {
    this.doc.font(bold ? 'zh-bold' : 'zh').fontSize(BODY_SIZE);
    return this.doc.heightOfString(text || ' ', { width: width - 2 * PAD, lineGap: 1 });
  }

  private rowHeight(r: Row) {
    const h = Math.max(...r.cells.map((c) => this.textHeight(c.text, this.width(c.col, c.span), c.bold) + 2 * PAD));
    return Math.max(h, r.minHeight ?? MIN_ROW);
  }

  private cell(c: { text: string; col: number; span?: number; align?: 'left' | 'center'; bold?: boolean }, y: number, h: number) {
    const x = this.xs[c.col]!;
    const w = this.width(c.col, c.span);
    this.doc.lineWidth(0.6).rect(x, y, w, h).stroke();
    const th = this.textHeight(c.text, w, c.bold);
    const ty = y + Math.max(PAD, (h - th) / 2);
    this.doc
      .font(c.bold ? 'zh-bold' : 'zh')
      .fontSize(BODY_SIZE)
      .text(c.text, x + PAD, ty, { width: w - 2 * PAD, align: c.align ?? 'left', lineGap: 1, lineBreak: true });
  }

  private get bottom() {
    return this.doc.page.height - MARGIN;
  }

  /** The longest prefix of a text that fits a height (binary search over characters). */
  private fit(text: string, width: number, height: number): number {
    let lo = 0;
    let hi = text.length;
    while (lo < hi) {
      const mid = Math.ceil((lo + hi) / 2);
      if (this.textHeight(text.slice(0, mid), width) + 2 * PAD <= height) lo = mid;
      else hi = mid - 1;
    }
    return lo;
  }

  private split(r: Row, height: number): [Row, Row] {
    const part: Cell[] = [];
    const rest: Cell[] = [];
    for (const c of r.cells) {
      const n = this.fit(c.text, this.width(c.col, c.span), height);
      part.push({ ...c, text: c.text.slice(0, n) });
      rest.push({ ...c, text: c.text.slice(n).replace(/^\n/, '') });
    }
    return [{ cells: part }, { cells: rest }];
  }

  draw(blocks: readonly Block[]) {
    const doc = this.doc;
    let y = doc.y;
    const top = MARGIN;
    for (const b of blocks) {
      const heights = b.rows.map((r) => this.rowHeight(r));
      const labelH = b.label ? this.textHeight(b.label.text, this.width(0, b.label.span), true) + 2 * PAD : 0;
      const sum = heights.reduce((s, h) => s + h, 0);
      if (labelH > sum) heights[heights.length - 1]! += labelH - sum;
      const total = Math.max(sum, labelH);
      const keep = b.keepTogether === false ? heights.slice(0, 2).reduce((s, h) => s + h, 0) : total;
      if (y + keep > this.bottom && keep <= this.bottom - top) {
        doc.addPage();
        y = top;
      }
      let segmentTop = y;
      const closeLabel = () => {
        if (b.label && y > segmentTop)
          this.cell({ text: b.label.text, col: 0, span: b.label.span, align: 'center', bold: true }, segmentTop, y - segmentTop);
      };
      b.rows.forEach((row, i) => {
        let r = row;
        let h = heights[i]!;
        for (;;) {
          if (y + h <= this.bottom) {
            for (const c of r.cells) this.cell(c, y, h);
            y += h;
            return;
          }
          const avail = this.bottom - y;
          if (avail >= 60) {
            const [part, rest] = this.split(r, avail);
            for (const c of part.cells) this.cell(c, y, avail);
            y += avail;
            r = rest;
          }
          closeLabel();
          doc.addPage();
          y = top;
          segmentTop = y;
          h = this.rowHeight(r);
        }
      });
      closeLabel();
    }
    doc.x = MARGIN;
    doc.y = y;
  }
}

export function heading(doc: Doc, text: string, size = 12) {
  doc
    .font('zh-bold')
    .fontSize(size)
    .text(text, MARGIN, doc.y, { width: doc.page.width - 2 * MARGIN });
  doc.moveDown(0.3);
  doc.font('zh').fontSize(BODY_SIZE);
}

export function ensureSpace(doc: Doc, height: number) {
  if (doc.y + height > doc.page.height - MARGIN) doc.addPage();
}
