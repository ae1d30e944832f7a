import { CERTIFICATE_LEVEL_LABELS, type CertificateLevel } from '@onex/shared';
import { newPdfDocument } from '../../lib/on-demand';
import { pdfToBuffer, registerChineseFonts } from '../../lib/pdf-fonts';
import { achievementName, urls } from './certificates.credential';

/**
 * The printable certificate (R6.4): A4 landscape, Chinese text (Noto Sans SC subset into the file), the holder with the
 * masked ID number, the certificate and level, the organization, number and date, and a QR code to the public
 * credentials page (`/verify/c/{code}`, the same target as the credential's QR code, R6.1). A revoked certificate
 * carries a red 已撤销 stamp and the date and reason of the revocation. One page per certificate: the same function
 * draws a holder's single certificate and a session's batch.
 */

export interface CertificatePrint {
  number: string;
  holderName: string;
  holderIdMasked: string;
  certificateTypeName: string;
  level: CertificateLevel;
  organizationName: string;
  issuedOn: string;
  revokedOn: string | null;
  revocationReason: string | null;
  verificationCode: string;
}

type Doc = PDFKit.PDFDocument;

const W = 841.89;
const H = 595.28;
const GOLD = '#9a7b2f';
const INK = '#1f1f1f';
const GREY = '#5c5c5c';
const RED = '#c8102e';
const QR_SIZE = 150;

/** `2026-03-01` → `2026 年 3 月 1 日`. */
function chineseDate(iso: string): string {
  const m = /^(\d{4})-(\d{2})-(\d{2})/.exec(iso);
  return m ? `${m[1]} 年 ${Number(m[2])} 月 ${Number(m[3])} 日` : iso;
}

/** The QR code (PNG) of a certificate: its public credentials page. */
async function certificateQrPng(url: string): Promise<Buffer> {
  const { default: QRCode } = await import('qrcode'); // with pdfkit, only where certificates are printed
  return QRCode.toBuffer(url, { errorCorrectionLevel: 'M', margin: 2, width: 300 });
}

function frame(doc: Doc) {
  doc.save();
  doc
    .lineWidth(3)
    .strokeColor(GOLD)
    .rect(22, 22, W - 44, H - 44)
    .stroke();
  doc
    .lineWidth(0.8)
    .rect(30, 30, W - 60, H - 60)
    .stroke();
  doc.restore();
}

function page(doc: Doc, c: CertificatePrint, qr: Buffer, verifyUrl: string, publicUrl: string) {
  frame(doc);
  const levelZh = CERTIFICATE_LEVEL_LABELS[c.level].zh;
  const name = achievementName(c.certificateTypeName, c.level);

  doc.fillColor(GREY).font('zh').fontSize(12).text('1+X 证书制度 · 职业技能等级证书', 0, 58, { width: W, align: 'center' });
  doc.fillColor(INK).font('zh-bold').fontSize(34).text('职业技能等级证书', 0, 80, { width: W, align: 'center', characterSpacing: 6 });
  doc.fillColor(GREY).font('zh').fontSize(11).text('Vocational Skill Level Certificate', 0, 128, { width: W, align: 'center' });

  // Fields (left) and the QR code (right).
  const left = 96;
  const labelW = 110;
  const valueX = left + labelW;
  const valueW = 600 - valueX;
  let y = 178;
  const rows: [string, string][] = [
    ['持证人', c.holderName],
    ['证件号码', c.holderIdMasked],
    ['证书名称', name],
    ['证书等级', levelZh],
    ['培训评价组织', c.organizationName],
    ['证书编号', c.number],
    ['发证日期', chineseDate(c.issuedOn)],
  ];
  for (const [label, value] of rows) {
    doc
      .fillColor(GREY)
      .font('zh')
      .fontSize(13)
      .text(`${label}：`, left, y + 1, { width: labelW, lineBreak: false });
    doc.fillColor(INK).font('zh-bold').fontSize(15).text(value, valueX, y, { width: valueW });
    y = Math.max(y + 30, doc.y + 10);
  }
  doc
    .fillColor(INK)
    .font('zh')
    .fontSize(12)
    .text(
      `${c.holderName}参加${c.organizationName}组织的${c.certificateTypeName}职业技能等级（${levelZh}）考核，成绩合格，特发此证。`,
      left,
      y + 6,
      { width: 600 - left, lineGap: 3 },
    );

  const qrX = W - 96 - QR_SIZE;
  const qrY = 190;
  doc.image(qr, qrX, qrY, { width: QR_SIZE, height: QR_SIZE });
  doc
    .fillColor(INK)
    .font('zh-bold')
    .fontSize(13)
    .text('扫码查验', qrX, qrY + QR_SIZE + 6, { width: QR_SIZE, align: 'center' });
  doc
    .fillColor(GREY)
    .font('zh')
    .fontSize(8)
    .text('电子证书（可验证凭证）', qrX, qrY + QR_SIZE + 26, { width: QR_SIZE, align: 'center' });

  // Footer: issuer and how to verify without the QR code.
  doc
    .fillColor(INK)
    .font('zh')
    .fontSize(12)
    .text(`发证机构：${c.organizationName}`, left, H - 120, { width: W - 2 * left, align: 'right' });
  doc.text(chineseDate(c.issuedOn), left, H - 102, { width: W - 2 * left, align: 'right' });
  doc
    .fillColor(GREY)
    .fontSize(9)
    .text(`证书查询：${publicUrl}/verify（证书编号 + 持证人姓名），或扫码访问 ${verifyUrl}`, left, H - 66, {
      width: W - 2 * left,
      align: 'center',
    });

  if (c.revokedOn) revokedStamp(doc, c);
}

/** A red 已撤销 stamp across the page and the date and reason of the revocation. */
function revokedStamp(doc: Doc, c: CertificatePrint) {
  doc.save();
  doc.rotate(-18, { origin: [W / 2, H / 2] });
  doc.opacity(0.75);
  doc
    .lineWidth(5)
    .strokeColor(RED)
    .roundedRect(W / 2 - 170, H / 2 - 62, 340, 124, 14)
    .stroke();
  doc
    .fillColor(RED)
    .font('zh-bold')
    .fontSize(78)
    .text('已撤销', W / 2 - 170, H / 2 - 52, { width: 340, align: 'center', lineBreak: false });
  doc.restore();
  const reason = c.revocationReason ? `撤销原因：${c.revocationReason}` : '';
  doc
    .fillColor(RED)
    .font('zh-bold')
    .fontSize(12)
    .text(`本证书已于 ${chineseDate(c.revokedOn!)} 被发证机构撤销，不再有效。${reason}`, 96, H - 88, {
      width: W - 192,
      align: 'center',
    });
}

/**
 * One page per certificate, in the given order. `onPage(done)` is called after each page (awaited), so a job can
 * report progress.
 */
export async function certificatesPdf(
  publicUrl: string,
  certificates: readonly CertificatePrint[],
  onPage?: (done: number) => Promise<void> | void,
): Promise<Buffer> {
  if (certificates.length === 0) throw new Error('no certificates to print');
  const first = certificates[0]!;
  const title = certificates.length === 1 ? `职业技能等级证书 ${first.number}` : `职业技能等级证书（${certificates.length} 份）`;
  const doc = await newPdfDocument({
    size: 'A4',
    layout: 'landscape',
    margin: 0,
    autoFirstPage: false,
    info: { Title: title, Creator: '1+X 证书信息管理服务平台' },
  });
  registerChineseFonts(doc);
  const u = urls(publicUrl);
  for (let i = 0; i < certificates.length; i++) {
    const c = certificates[i]!;
    const verifyUrl = u.verificationPage(c.verificationCode);
    const qr = await certificateQrPng(verifyUrl);
    doc.addPage({ size: 'A4', layout: 'landscape', margin: 0 });
    page(doc, c, qr, verifyUrl, publicUrl);
    if (onPage) await onPage(i + 1);
  }
  return pdfToBuffer(doc);
}
