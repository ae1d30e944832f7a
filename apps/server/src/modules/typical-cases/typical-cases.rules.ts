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

/**
 * Days before a collection's deadline on which its schools that have not submitted are reminded (000 三（三）: "于6月30日前"
 * leaves the schools a fixed date; a week is time to gather the stamp and the Word file, the last day is the final
 * call). A constant, not per collection: one rule for every province, as the round deadline reminders of filings.
 */
export const CASE_REMINDER_DAYS = [7, 1] as const;

/** Whole days from `today` to `deadline` (China calendar dates, `YYYY-MM-DD`); negative once it has passed. */
export function daysUntil(today: string, deadline: string): number {
  return Math.round((Date.parse(`${deadline}T00:00:00Z`) - Date.parse(`${today}T00:00:00Z`)) / 86_400_000);
}

/**
 * Which reminder is due today, or null: the tightest window of CASE_REMINDER_DAYS that today is in (the 7-day one
 * from 7 days to 2 days before, the 1-day one on the eve and the deadline day itself, submission being open through
 * it). A window the collection was opened inside (its opening notice just told the schools) sends nothing; after the
 * deadline nothing. Reminders are keyed by their window, so a late tick still sends the window's one, never twice.
 */
export function caseReminderDue(deadline: string, today: string, openedOn: string): number | null {
  const left = daysUntil(today, deadline);
  if (left < 0) return null;
  const window = [...CASE_REMINDER_DAYS].sort((a, b) => a - b).find((d) => left <= d);
  if (window === undefined) return null;
  if (daysUntil(openedOn, deadline) <= window) return null;
  return window;
}

/** The reminder's text: the collection, its deadline and the days left (the deadline day itself: 今天截止). */
export function caseReminderText(title: string, deadline: string, left: number): { title: string; body: string } {
  return {
    title: `典型案例征集“${title}”${left === 0 ? '今天' : `将于 ${deadline} `}截止，贵校尚未报送`,
    body:
      `${left === 0 ? '报送截止日为今天' : `距截止还有 ${left} 天`}（截止日当天仍可提交）。` +
      '请完成案例正文（3000 字以内）、2-4 张图片、盖章 PDF 扫描件和 Word 电子版后提交。',
  };
}
