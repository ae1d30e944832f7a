import { CASE_MAX_CHARS, CASE_MAX_IMAGES, CASE_MIN_IMAGES, type CaseCriterion, type ErrorCode, ERRORS, caseCharCount } from '@onex/shared';

/**
 * The rules a typical case must meet before it is submitted (粤教职函〔2023〕12号 三（三） and 附件3), as pure functions.
 * Each problem is an error code of the registry, whose Chinese message cites its clause.
 */

export interface CaseText {
  title: string;
  background: string;
  measures: string;
  outcomes: string;
}

/** 附件3 一 counts the whole case: its title and the three sections (see `caseCharCount`). */
export const caseLength = (c: CaseText) => caseCharCount([c.title, c.background, c.measures, c.outcomes].join('\n'));

/** Submission is open through the deadline day itself (北京时间): "于6月30日前" is read as "by 30 June". */
export const collectionOpen = (deadline: string, today: string) => today <= deadline;

export interface CaseFacts extends CaseText {
  imageCount: number;
  hasPdf: boolean;
  hasWord: boolean;
  deadline: string;
}

export type CaseProblem = Extract<
  ErrorCode,
  'CASE_COLLECTION_CLOSED' | 'CASE_TOO_LONG' | 'CASE_SECTIONS_MISSING' | 'CASE_IMAGE_COUNT' | 'CASE_FILES_MISSING'
>;

/** Every rule the case breaks, in the order of the notice and its annex; empty when it may be submitted. */
export function caseProblems(c: CaseFacts, today: string): CaseProblem[] {
  const out: CaseProblem[] = [];
  if (!collectionOpen(c.deadline, today)) out.push('CASE_COLLECTION_CLOSED');
  if (caseLength(c) > CASE_MAX_CHARS) out.push('CASE_TOO_LONG');
  if (!c.background.trim() || !c.measures.trim() || !c.outcomes.trim()) out.push('CASE_SECTIONS_MISSING');
  if (c.imageCount < CASE_MIN_IMAGES || c.imageCount > CASE_MAX_IMAGES) out.push('CASE_IMAGE_COUNT');
  if (!c.hasPdf || !c.hasWord) out.push('CASE_FILES_MISSING');
  return out;
}

export const problemMessages = (ps: readonly CaseProblem[]) => ps.map((code) => ({ code, message: ERRORS[code].zh }));

/** Scores cover exactly the collection's criteria, each an integer within 0..max; the total is their sum. */
export function scoreTotal(criteria: readonly CaseCriterion[], scores: Record<string, number>): number | null {
  const keys = Object.keys(scores);
  if (keys.length !== criteria.length) return null;
  let total = 0;
  for (const c of criteria) {
    const v = scores[c.key];
    if (v === undefined || !Number.isInteger(v) || v < 0 || v > c.maxScore) return null;
    total += v;
  }
  return total;
}
