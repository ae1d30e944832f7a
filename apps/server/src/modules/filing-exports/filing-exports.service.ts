import { type RequestContext, requireActor } from '../../auth/actor';
import type { Deps } from '../../lib/deps';
import { AppError } from '../../lib/errors';
import { getFiling } from '../filings/filings.service';
import { visibleRound } from '../filings/rounds.service';
import { feasibilityReportPdf, filingFormPdf, projectName } from './filing-exports.pdf';
import * as q from './filing-exports.queries';
import { summaryRows, summaryTitle } from './filing-exports.rules';
import { summaryWorkbook } from './filing-exports.xlsx';

export interface Download {
  bytes: Buffer;
  filename: string;
}

/** The round's 汇总表 (003 附件1) as .xlsx, for the province of the round and the national level (R3.10). */
export async function roundSummaryXlsx(deps: Deps, ctx: RequestContext, roundId: string): Promise<Download> {
  const actor = requireActor(ctx);
  const round = await visibleRound(deps.db, actor, roundId);
  if (actor.role !== 'province_admin' && actor.role !== 'national_admin') throw new AppError('FORBIDDEN');
  const title = summaryTitle(round.year, await q.regionName(deps.db, round.province_code));
  const bytes = await summaryWorkbook(title, summaryRows(await q.approvedFilingsOfRound(deps.db, roundId)));
  return { bytes, filename: `${title}（${round.name}）.xlsx` };
}

/** 附件1 项目备案表 of a filing, as printable A4 PDF, for whoever can see the filing. */
export async function filingFormPdfOf(deps: Deps, ctx: RequestContext, id: string): Promise<Download> {
  const f = await getFiling(deps, ctx, id);
  return { bytes: await filingFormPdf(f), filename: `${f.schoolName}-${projectName(f)}-项目备案表.pdf` };
}

/** 附件2 项目论证报告 of a filing, as printable A4 PDF, for whoever can see the filing. */
export async function feasibilityReportPdfOf(deps: Deps, ctx: RequestContext, id: string): Promise<Download> {
  const f = await getFiling(deps, ctx, id);
  return { bytes: await feasibilityReportPdf(f), filename: `${f.schoolName}-${projectName(f)}-项目论证报告.pdf` };
}
