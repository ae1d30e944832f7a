import {
  CERTIFICATE_LEVEL_LABELS,
  type CertificateLevel,
  type FeasibilitySection,
  type FilingDetailDto,
  type LeaderSection,
  type OpinionsSection,
  type OverviewSection,
  type TeamSection,
} from '@onex/shared';
import { type Block, BODY_SIZE, Grid, MARGIN, ensureSpace, heading, newA4, toBuffer } from './pdf-table';

/**
 * The printable annexes of 粤教职函〔2023〕12号 filled with a filing's data (R3.10): 附件1 项目备案表 and 附件2 项目论证报告,
 * laid out like the annexes (title, the table grid with the annex's row labels, signature and date lines). Missing
 * fields print empty so that a draft can be printed, completed by hand, stamped and scanned.
 */

const CONTENT_WIDTH = 595.28 - 2 * MARGIN;
const MIN_BLOCK = 50;
const s = (v: unknown) => (v === undefined || v === null ? '' : String(v));
const levelText = (levels: readonly CertificateLevel[]) => levels.map((l) => CERTIFICATE_LEVEL_LABELS[l].zh).join('、');
export const projectName = (f: FilingDetailDto) => `${f.certificateTypeName}（${levelText(f.levels)}）`;

/** 年 月 日 from an ISO date, or blanks to fill by hand. */
function dateLine(iso: string | null | undefined) {
  const m = iso ? /^(\d{4})-(\d{2})-(\d{2})/.exec(iso) : null;
  return m ? `${m[1]} 年 ${Number(m[2])} 月 ${Number(m[3])} 日` : '       年     月     日';
}

function title(doc: PDFKit.PDFDocument, annex: string, text: string) {
  doc.font('zh').fontSize(12).text(annex, MARGIN, MARGIN);
  doc.moveDown(0.6);
  doc.font('zh-bold').fontSize(18).text(text, { align: 'center', width: CONTENT_WIDTH });
  doc.moveDown(0.8);
  doc.font('zh').fontSize(BODY_SIZE);
}

function part<T>(v: unknown): Partial<T> {
  return (v && typeof v === 'object' ? v : {}) as Partial<T>;
}

/** 附件1 项目备案表 */
export async function filingFormPdf(f: FilingDetailDto): Promise<Buffer> {
  const heading1 = `${f.year} 年 1+X 证书制度项目备案表`;
  const doc = await newA4(heading1);
  title(doc, '附件 1', heading1);
  const leader = part<LeaderSection>(f.sections.leader);
  const team = part<TeamSection>(f.sections.team);
  const overview = part<OverviewSection>(f.sections.overview);
  const opinions = part<OpinionsSection>(f.sections.opinions);
  const majors = f.sections.plan.rows;

  const cover: [string, string][] = [
    ['证书名称：', f.certificateTypeName],
    ['申报专业：', majors.map((m) => m.majorName).join('、')],
    ['申报部门：', `${f.schoolName} ${f.departmentName}`],
    ['项目负责人：', s(leader.name)],
    ['申报时间：', dateLine(f.submittedAt)],
  ];
  for (const [label, value] of cover) {
    doc
      .font('zh-bold')
      .fontSize(12)
      .text(label, MARGIN + 60, doc.y, { continued: true });
    doc.font('zh').text(value || '＿＿＿＿＿＿＿＿', { underline: !!value });
    doc.moveDown(0.4);
  }
  doc.moveDown(0.6);

  heading(doc, '一、申报计划');
  const plan = new Grid(doc, [90, 88, 95, 70, 70, CONTENT_WIDTH - 413]);
  const head = (texts: string[]) => ({ cells: texts.map((text, col) => ({ text, col, align: 'center' as const, bold: true })) });
  plan.draw([
    {
      rows: [
        head(['证书名称', '证书等级（注明等级如初、中、高级）', '拟申报专业', '本专业在校学生数', '本专业专任教师数', '申请培训人数']),
      ],
    },
    {
      rows: (majors.length ? majors : [undefined]).map((m) => ({
        cells: [
          { text: f.certificateTypeName, col: 0 },
          { text: levelText(f.levels), col: 1, align: 'center' as const },
          { text: s(m?.majorName), col: 2 },
          { text: s(m?.enrolledStudents), col: 3, align: 'center' as const },
          { text: s(m?.fullTimeTeachers), col: 4, align: 'center' as const },
          { text: s(m?.plannedTrainees), col: 5, align: 'center' as const },
        ],
      })),
    },
  ]);
  doc.fontSize(9).text('注：若一个证书对应多个专业，各专业数据要分开写。', MARGIN, doc.y + 4);
  doc.moveDown(0.8);

  ensureSpace(doc, 120);
  heading(doc, '二、项目团队情况');
  const w = [70, 70, 120, 70, CONTENT_WIDTH - 330];
  const teamGrid = new Grid(doc, w);
  const members = team.members ?? [];
  teamGrid.draw([
    {
      label: { text: '项目负责人情况', span: 1 },
      rows: [
        {
          cells: [
            { text: '姓名', col: 1, align: 'center', bold: true },
            { text: s(leader.name), col: 2 },
            { text: '职称', col: 3, align: 'center', bold: true },
            { text: s(leader.title), col: 4 },
          ],
        },
        {
          cells: [
            { text: '职务', col: 1, align: 'center', bold: true },
            { text: s(leader.post), col: 2 },
            { text: '参加工作年限', col: 3, align: 'center', bold: true },
            { text: leader.yearsOfWork === undefined ? '' : `${leader.yearsOfWork} 年`, col: 4 },
          ],
        },
        {
          minHeight: 60,
          cells: [
            { text: '主要成果', col: 1, align: 'center', bold: true },
            { text: s(leader.achievements), col: 2, span: 3 },
          ],
        },
      ],
    },
    { rows: [head(['项目人员姓名', '职称', '职务', '参加工作年限', '项目分工'])] },
    {
      rows: (members.length ? members : [undefined, undefined]).map((m) => ({
        cells: [
          { text: s(m?.name), col: 0, align: 'center' as const },
          { text: s(m?.title), col: 1, align: 'center' as const },
          { text: s(m?.post), col: 2 },
          { text: m ? `${m.yearsOfWork} 年` : '', col: 3, align: 'center' as const },
          { text: s(m?.role), col: 4 },
        ],
      })),
    },
  ]);
  doc.moveDown(0.8);

  ensureSpace(doc, 160);
  heading(doc, '三、申报项目的专业概况');
  const t = overview.teachers;
  const fac = overview.facilities;
  const yesNo = (b: boolean | undefined) => (b === undefined ? '' : b ? '是' : '否');
  const pct = (n: number | undefined) => (n === undefined ? '' : `${n}%`);
  const facilities = fac
    ? [
        ...(fac.trainingRooms ?? []).map((r, i) => `${i + 1}. ${r.name}，面积 ${r.areaM2} ㎡，工位 ${r.workstations} 个`),
        `校外实训基地：${(fac.offCampusBases ?? []).map((b) => b.name).join('、') || '无'}`,
        `上年使用情况：${s(fac.lastYearUsage)} 人次`,
        ...(fac.notes ? [fac.notes] : []),
      ].join('\n')
    : '';
  const opinion = (o: OpinionsSection['declaringUnit'] | undefined) =>
    `${o?.text ?? ''}\n\n（签字盖章）${o?.signer ? `  ${o.signer}` : ''}\n${dateLine(o?.date)}`;
  const overviewGrid = new Grid(doc, [120, CONTENT_WIDTH - 120]);
  const labelled = (label: string, text: string, minHeight = MIN_BLOCK): Block => ({
    rows: [
      {
        minHeight,
        cells: [
          { text: label, col: 0, align: 'center', bold: true },
          { text, col: 1 },
        ],
      },
    ],
  });
  overviewGrid.draw([
    labelled('证书对应专业的建设成果', s(overview.achievements)),
    labelled(
      '专业的专、兼职师资队伍状况',
      [
        `1.可参与证书培训的专任教师数：${s(t?.fullTime)}`,
        `2.兼职教师数：${s(t?.partTime)}`,
        `3.高级职称教师数：${s(t?.seniorTitle)}`,
        `4.双师型教师占专职教师的比例：${pct(t?.dualQualifiedRatio)}`,
        `5.行业企业专家占教学团队的比例：${pct(t?.industryExpertRatio)}`,
        `6.是否入选国家级职业教育教师教学创新团队：${yesNo(t?.nationalInnovationTeam)}`,
      ].join('\n'),
    ),
    labelled('教学设备场地情况', facilities),
    labelled('申报单位意见', opinion(opinions.declaringUnit), 90),
    labelled('主管部门意见', opinion(opinions.competentDepartment), 90),
  ]);
  return toBuffer(doc);
}

/** 附件2 项目论证报告 */
export async function feasibilityReportPdf(f: FilingDetailDto): Promise<Buffer> {
  const heading2 = `${f.year} 年 1+X 证书制度项目论证报告`;
  const doc = await newA4(heading2);
  title(doc, '附件 2', heading2);
  doc.text(`申报院校：${f.schoolName}`, MARGIN, doc.y, { width: CONTENT_WIDTH, align: 'right' });
  doc.moveDown(0.4);
  const r = part<FeasibilitySection>(f.sections.feasibility);
  const leaderName = r.leaderName ?? part<LeaderSection>(f.sections.leader).name;
  // 项目名称 | value | 项目负责人 | value; the experts' rows use 姓名 | 所在单位及职称或职务 (two columns) | 签字.
  const grid = new Grid(doc, [95, 75, 95, 90, CONTENT_WIDTH - 355]);
  const label = (text: string, col: number) => ({ text, col, align: 'center' as const, bold: true });
  const majors = [0, 1, 2].map((i) => r.majors?.[i]);
  const experts = r.experts ?? [];
  const ordinal = ['专业一', '专业二', '专业三'];
  const pair = (l1: string, v1: string, l2: string, v2: string): Block => ({
    rows: [
      {
        minHeight: 36,
        cells: [label(l1, 0), { text: v1, col: 1, span: 2 }, label(l2, 3), { text: v2, col: 4 }],
      },
    ],
  });
  grid.draw([
    pair('项目名称（证书名称、等级）', projectName(f), '项目负责人', s(leaderName)),
    pair('资金来源', s(r.fundingSource), '承担部门', s(r.responsibleDepartment)),
    pair('论证日期', r.date ? dateLine(r.date) : '', '论证地点', s(r.place)),
    {
      label: { text: '参与专业名称及人数', span: 1 },
      rows: majors.map((m, i) => ({
        cells: [{ text: `${ordinal[i]}：${m ? `${m.name}  ${m.headcount} 人` : ''}`, col: 1, span: 4 }],
      })),
    },
    {
      label: { text: '专家组成员', span: 1 },
      rows: [
        { cells: [label('姓名', 1), { ...label('所在单位及职称或职务', 2), span: 2 }, label('签字', 4)] },
        ...(experts.length ? experts : [undefined, undefined, undefined]).map((e) => ({
          cells: [
            { text: s(e?.name), col: 1, align: 'center' as const },
            { text: e ? `${e.unit}  ${e.titleOrPost}` : '', col: 2, span: 2 },
            { text: e?.signed ? '已签字' : '', col: 4, align: 'center' as const },
          ],
        })),
      ],
    },
    {
      rows: [
        {
          minHeight: 160,
          cells: [label('论证意见', 0), { text: `${s(r.conclusion)}\n\n专家组组长（签字）：\n${dateLine(r.date)}`, col: 1, span: 4 }],
        },
      ],
    },
  ]);
  return toBuffer(doc);
}
