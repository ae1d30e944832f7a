import type { PublicCaseCollectionDto } from '@onex/shared';
import { newPdfDocument } from '../../lib/on-demand';
import { pdfToBuffer, registerChineseFonts } from '../../lib/pdf-fonts';

/**
 * The public collection of selected typical cases as a PDF (R9.2): A4, Noto Sans SC (the server's Chinese PDF fonts,
 * as for filing annexes and certificates), one case after another with its three sections and its pictures.
 */

const MARGIN = 56;
const WIDTH = 595.28 - 2 * MARGIN;
const SECTIONS = [
  ['一、实施背景', 'background'],
  ['二、工作举措', 'measures'],
  ['三、特色成效', 'outcomes'],
] as const;

export async function collectionPdf(c: PublicCaseCollectionDto, images: Map<string, Buffer>): Promise<Buffer> {
  const doc = await newPdfDocument({ size: 'A4', margin: MARGIN, info: { Title: c.title, Creator: '1+X 证书信息管理服务平台' } });
  registerChineseFonts(doc);
  doc.font('zh-bold').fontSize(20).text(c.title, { align: 'center', width: WIDTH });
  doc.moveDown(0.5);
  doc
    .font('zh')
    .fontSize(11)
    .text(`${c.provinceName} · ${c.year} 年 · 入选案例 ${c.cases.length} 个 · 发布于 ${c.publishedAt.slice(0, 10)}`, { align: 'center' });
  doc.moveDown(1);
  c.cases.forEach((x, i) => {
    doc
      .font('zh')
      .fontSize(11)
      .text(`${i + 1}. ${x.title}（${x.schoolName}）`);
  });
  for (const [i, x] of c.cases.entries()) {
    doc.addPage();
    doc
      .font('zh-bold')
      .fontSize(16)
      .text(`案例 ${i + 1}：${x.title}`, { width: WIDTH });
    doc.font('zh').fontSize(10.5).fillColor('#555').text(`${x.schoolName} · ${x.category}`);
    doc.fillColor('#000').moveDown(0.6);
    for (const [heading, key] of SECTIONS) {
      doc.font('zh-bold').fontSize(13).text(heading);
      doc.moveDown(0.2);
      doc.font('zh').fontSize(10.5).text(x[key], { width: WIDTH, lineGap: 3 });
      doc.moveDown(0.6);
    }
    for (const img of x.images) {
      const bytes = images.get(img.fileId);
      if (!bytes) continue;
      if (doc.y > 842 - MARGIN - 240) doc.addPage();
      try {
        doc.image(bytes, { fit: [WIDTH, 220], align: 'center' });
        doc.y += 4;
      } catch {
        doc.font('zh').fontSize(9).text(`（图片无法显示：${img.name}）`);
      }
      if (img.caption) doc.font('zh').fontSize(9).text(img.caption, { align: 'center', width: WIDTH });
      doc.moveDown(0.5);
    }
  }
  return pdfToBuffer(doc);
}
