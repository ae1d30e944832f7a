import {
  FUND_CATEGORIES,
  FUND_CATEGORY_RULES,
  type FundSummaryRowDto,
  type OverdueSettlementDto,
  type fundSummaryQuerySchema,
} from '@onex/shared';
import type { z } from 'zod';
import { type RequestContext, requireActor } from '../../auth/actor';
import { inScope, scopeOf } from '../../auth/scope';
import type { Db } from '../../db/types';
import type { Deps } from '../../lib/deps';
import { notFound } from '../../lib/errors';
import { tableWorkbook } from '../../lib/xlsx-table';
import { Grid, MARGIN, heading, newA4, toBuffer } from '../filing-exports/pdf-table';
import { FUND_READ_ROLES } from './funds.policy';
import * as q from './funds.queries';
import { daysBetween, settlementOverdue } from './funds.rules';

/** Views of the funds (R4.5): per pilot, school or province, budget, spent and balance by category and year. */

const yuan = (fen: number) => (fen / 100).toFixed(2);

async function summaryRows(
  db: Db,
  scope: ReturnType<typeof scopeOf>,
  query: z.infer<typeof fundSummaryQuerySchema>,
): Promise<FundSummaryRowDto[]> {
  const { lines, totals } = await q.fundSummary(db, scope, query);
  const groups = new Map<string, FundSummaryRowDto>();
  for (const l of lines) {
    const id = `${l.key}|${l.year}`;
    const g = groups.get(id) ?? {
      key: l.key,
      label: l.label,
      year: l.year,
      lines: [],
      totalBudgetFen: 0,
      spentFen: 0,
      incomeFen: 0,
      balanceFen: 0,
    };
    const budgetFen = Number(l.budget);
    const spentFen = Number(l.spent);
    g.lines.push({ category: l.category, budgetFen, spentFen, remainingFen: budgetFen - spentFen });
    g.totalBudgetFen += budgetFen;
    g.spentFen += spentFen;
    groups.set(id, g);
  }
  for (const t of totals) {
    const g = groups.get(`${t.key}|${t.year}`);
    if (!g) continue;
    g.incomeFen = Number(t.income);
    g.balanceFen = Number(t.balance);
  }
  for (const g of groups.values()) g.lines.sort((a, b) => FUND_CATEGORIES.indexOf(a.category) - FUND_CATEGORIES.indexOf(b.category));
  return [...groups.values()].sort((a, b) => b.year - a.year || a.label.localeCompare(b.label, 'zh-CN'));
}

export async function fundSummary(
  deps: Deps,
  ctx: RequestContext,
  query: z.infer<typeof fundSummaryQuerySchema>,
): Promise<FundSummaryRowDto[]> {
  const actor = requireActor(ctx, FUND_READ_ROLES);
  return summaryRows(deps.db, scopeOf(actor), query);
}

/** The school's report for an auditor: one row per pilot, year and category, with totals; scope-checked (404). */
async function schoolReport(deps: Deps, ctx: RequestContext, schoolId: string, year: number | undefined) {
  const actor = requireActor(ctx, FUND_READ_ROLES);
  const school = await q.schoolHeading(deps.db, schoolId);
  const scope = scopeOf(actor);
  if (
    !school ||
    !inScope(scope, { provinceCode: school.province_code, cityCode: school.city_code, schoolId: school.id }) ||
    scope.kind === 'department'
  )
    throw notFound();
  const rows = await summaryRows(deps.db, scope, { level: 'pilot', schoolId, year });
  const title = `${school.name}${year ? ` ${year} 年度` : ''} 1+X 证书制度试点专项经费报告`;
  return { school, rows, title };
}

const REPORT_COLUMNS = ['试点项目', '年度', '类别', '预算（元）', '已支出（元）', '预算余额（元）'];

function reportTable(rows: FundSummaryRowDto[]): string[][] {
  const out: string[][] = [];
  for (const r of rows) {
    for (const l of r.lines)
      out.push([r.label, String(r.year), FUND_CATEGORY_RULES[l.category].label, yuan(l.budgetFen), yuan(l.spentFen), yuan(l.remainingFen)]);
    out.push([r.label, String(r.year), '小计', yuan(r.totalBudgetFen), yuan(r.spentFen), yuan(r.totalBudgetFen - r.spentFen)]);
    out.push([r.label, String(r.year), '收入 / 台账余额（收入 − 支出）', '', yuan(r.incomeFen), yuan(r.balanceFen)]);
  }
  return out;
}

export async function schoolReportXlsx(deps: Deps, ctx: RequestContext, schoolId: string, year?: number) {
  const { rows, title } = await schoolReport(deps, ctx, schoolId, year);
  const bytes = await tableWorkbook('专项经费', title, REPORT_COLUMNS, reportTable(rows), [36, 8, 30, 16, 16, 16]);
  return { filename: `${title}.xlsx`, bytes };
}

export async function schoolReportPdf(deps: Deps, ctx: RequestContext, schoolId: string, year?: number) {
  const { rows, title, school } = await schoolReport(deps, ctx, schoolId, year);
  const doc = await newA4(title);
  const width = doc.page.width - 2 * MARGIN;
  doc.font('zh-bold').fontSize(16).text(title, { align: 'center', width });
  doc.moveDown(0.5);
  doc
    .font('zh')
    .fontSize(9)
    .text(`${school.province_name} · 金额单位：元 · 各数均为台账记录之和；冲正以反向记录体现，原记录保留。`, { width });
  doc.moveDown(0.5);
  heading(doc, '预算、支出与余额（按试点项目、年度、类别）');
  const grid = new Grid(doc, [130, 40, 110, 67, 67, width - 414]);
  const header = { cells: REPORT_COLUMNS.map((text, col) => ({ text, col, bold: true, align: 'center' as const })) };
  grid.draw([
    {
      rows: [
        header,
        ...reportTable(rows).map((r) => ({
          cells: r.map((text, col) => ({ text, col, align: col >= 3 ? ('center' as const) : ('left' as const) })),
        })),
      ],
    },
  ]);
  return { filename: `${title}.pdf`, bytes: await toBuffer(doc) };
}

/** Exam fees not settled in time (config `SETTLEMENT_OVERDUE_DAYS` after the exam): the school sees its own, the province its schools. */
export async function overdueSettlements(deps: Deps, ctx: RequestContext): Promise<{ days: number; items: OverdueSettlementDto[] }> {
  const actor = requireActor(ctx, [...FUND_READ_ROLES, 'org_admin']);
  const now = deps.clock.now();
  const days = deps.config.settlementOverdueDays;
  // Coarse filter in SQL (a day of slack for time zones), the exact rule in settlementOverdue.
  const before = new Date(now.getTime() - (days - 1) * 86_400_000).toISOString().slice(0, 10);
  const rows = await q.openSettlementsBefore(deps.db, scopeOf(actor), before);
  const items = rows
    .map((r) => ({ r, examDate: String(r.exam_date).slice(0, 10) }))
    .filter(({ r, examDate }) => settlementOverdue(examDate, r.settled_at, now, days))
    .map(({ r, examDate }) => ({
      settlementId: r.id,
      school: { id: r.school_id, name: r.school_name },
      organization: { id: r.org_id, name: r.org_name },
      certificateTypeName: r.certificate_type_name,
      examDate,
      dueFen: r.due_fen,
      daysSinceExam: daysBetween(examDate, now),
    }));
  return { days, items };
}
