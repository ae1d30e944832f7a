import {
  COURSE_CATEGORY_LABELS,
  type CourseCategory,
  type LearningAccountDetailDto,
  OUTCOME_SOURCE_KIND_LABELS,
  OUTCOME_STATE_LABELS,
  OUTCOME_TYPE_LABELS,
  CERTIFICATE_LEVEL_LABELS,
  type CertificateLevel,
} from '@onex/shared';
import { BODY_SIZE, ensureSpace, Grid, heading, MARGIN, newA4, toBuffer } from '../filing-exports/pdf-table';

/**
 * The transcript of a learning account (R7.5): 学分银行学习成果记录 — an A4 PDF in Chinese drawn with the fonts and grid
 * of the filing exports: the holder (ID number masked), totals by source and type, every outcome in force (with
 * certificates' numbers and their state: 有效 / 已撤销), the course exemptions (免修) with the rule each one cites, and
 * where certificates are verified.
 */

const CONTENT = 595.28 - 2 * MARGIN;
const fmt = (v: number) => (Number.isInteger(v) ? String(v) : v.toFixed(1));

function levelText(level: string | null): string {
  if (!level) return '';
  return level in CERTIFICATE_LEVEL_LABELS ? CERTIFICATE_LEVEL_LABELS[level as CertificateLevel].zh : level;
}

export async function transcriptPdf(a: LearningAccountDetailDto, o: { printedOn: string; verifyBase: string }): Promise<Buffer> {
  const title = '学分银行学习成果记录';
  const doc = await newA4(title);
  doc.font('zh-bold').fontSize(18).text(title, MARGIN, MARGIN, { align: 'center', width: CONTENT });
  doc.moveDown(0.3);
  doc.font('zh').fontSize(10).text('（1+X 证书制度 · 个人学习账户）', { align: 'center', width: CONTENT });
  doc.moveDown(0.8);

  const head = (texts: string[]) => ({ cells: texts.map((text, col) => ({ text, col, align: 'center' as const, bold: true })) });
  const row = (texts: string[]) => ({ cells: texts.map((text, col) => ({ text, col })) });

  const info = new Grid(doc, [80, CONTENT / 2 - 80, 80, CONTENT / 2 - 80]);
  info.draw([
    {
      rows: [
        {
          cells: [
            { text: '姓名', col: 0, bold: true, align: 'center' },
            { text: a.holderName, col: 1 },
            { text: '证件号码', col: 2, bold: true, align: 'center' },
            { text: a.holderIdMasked, col: 3 },
          ],
        },
        {
          cells: [
            { text: '所在院校', col: 0, bold: true, align: 'center' },
            { text: a.school?.name ?? '—', col: 1 },
            { text: '打印日期', col: 2, bold: true, align: 'center' },
            { text: o.printedOn, col: 3 },
          ],
        },
        {
          cells: [
            { text: '累计学分', col: 0, bold: true, align: 'center' },
            { text: `${fmt(a.summary.totalCredits)} 学分（${a.summary.outcomeCount} 项成果）`, col: 1 },
            { text: '可转换学分', col: 2, bold: true, align: 'center' },
            { text: `${fmt(a.summary.unusedCredits)} 学分（${a.summary.unusedCount} 项未使用）`, col: 3 },
          ],
        },
      ],
    },
  ]);
  doc.moveDown(0.8);

  heading(doc, '一、学分积累（按来源、类型）');
  const sums = new Grid(doc, [CONTENT / 2 - 70, 70, CONTENT / 2 - 70, 70]);
  const bySource = a.summary.bySource.map((b) => [
    `${OUTCOME_SOURCE_KIND_LABELS[b.key as keyof typeof OUTCOME_SOURCE_KIND_LABELS]?.zh ?? b.key}（${b.count} 项）`,
    fmt(b.credits),
  ]);
  const byType = a.summary.byType.map((b) => [
    `${OUTCOME_TYPE_LABELS[b.key as keyof typeof OUTCOME_TYPE_LABELS]?.zh ?? b.key}（${b.count} 项）`,
    fmt(b.credits),
  ]);
  const lines = Math.max(bySource.length, byType.length, 1);
  sums.draw([
    {
      rows: [
        head(['来源', '学分', '类型', '学分']),
        ...Array.from({ length: lines }, (_, i) => row([...(bySource[i] ?? ['', '']), ...(byType[i] ?? ['', ''])])),
      ],
    },
  ]);
  doc.moveDown(0.8);

  ensureSpace(doc, 90); // the heading stays with its table's first rows
  heading(doc, '二、学习成果');
  const live = a.entries.filter((e) => e.entryKind === 'deposit' && e.state !== 'reversed');
  const outcomes = new Grid(doc, [64, CONTENT - 64 - 40 - 40 - 66 - 110 - 44, 40, 40, 66, 110, 44]);
  outcomes.draw([
    {
      keepTogether: false,
      rows: [
        head(['类型', '名称', '等级/成绩', '学分', '取得日期', '来源 / 证书编号', '状态']),
        ...(live.length
          ? live.map((e) =>
              row([
                OUTCOME_TYPE_LABELS[e.type].zh,
                e.name,
                levelText(e.level),
                fmt(e.credits),
                e.recordedOn,
                e.certificate ? `${e.source}\n${e.certificate.number}` : e.source,
                e.usedInApplicationId ? '已转换' : OUTCOME_STATE_LABELS[e.state].zh,
              ]),
            )
          : [row(['', '（尚无学习成果）', '', '', '', '', ''])]),
      ],
    },
  ]);
  doc.moveDown(0.8);

  ensureSpace(doc, 90);
  heading(doc, '三、学分转换（免修课程）');
  const ex = new Grid(doc, [CONTENT - 80 - 40 - 50 - 150 - 66, 80, 40, 50, 150, 66]);
  ex.draw([
    {
      keepTogether: false,
      rows: [
        head(['课程', '类别', '学分', '成绩', '依据（认定规则 / 学习成果）', '批准日期']),
        ...(a.exemptions.length
          ? a.exemptions.map((x) =>
              row([
                `${x.course.name}（${x.course.code}）\n${x.school.name}`,
                COURSE_CATEGORY_LABELS[x.course.category as CourseCategory]?.zh ?? x.course.category,
                fmt(x.credits),
                x.grade,
                `${x.rule.code} ${x.rule.name}\n${x.outcomeNames.join('、')}`,
                x.grantedOn,
              ]),
            )
          : [row(['（尚无免修课程）', '', '', '', '', ''])]),
      ],
    },
  ]);
  doc.moveDown(1);
  doc
    .font('zh')
    .fontSize(BODY_SIZE - 1.5)
    .text(
      `说明：本记录由 1+X 证书信息管理服务平台依据学习账户生成，证件号码已脱敏。职业技能等级证书可凭证书编号和持证人姓名在 ${o.verifyBase}/verify 查验真伪；` +
        '已撤销的证书保留在学习账户中，不能用于学分转换。学分转换依据院校发布的认定规则，由院校审核批准。',
      MARGIN,
      doc.y,
      { width: CONTENT },
    );
  return toBuffer(doc);
}
