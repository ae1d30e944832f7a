import { z } from 'zod';
import {
  CERTIFICATE_LEVELS,
  CERTIFICATE_LEVEL_LABELS,
  type CertificateLevel,
  EXAM_FORMS,
  EXAM_FORM_LABELS,
  type ExamForm,
  NATIONAL_FEE_CAPS_FEN,
} from './catalog';
import { formatYuan } from './exams';
import { calendarDate, fen, text } from './input';

/**
 * Fee policy per province and the organizations' fee notices (issue 17 item 6; 教职成〔2019〕6号 四（一）: provinces set
 * the fee policy within the national caps; R1.2). Pure.
 *
 * - A province's caps (`fee_caps` rule of one of its documents) may only lower the default caps, form by form
 *   (`capsAboveNational`); the caps applied are always the lower of the two (`lowerCaps`).
 * - An organization publishes a 收费公告 per certificate level: the fee for pilot schools and the fee for social
 *   candidates, with the date it takes effect. The notice in force on a date is the latest one effective by then
 *   (`noticeInForce`). An agreement's fee for a level is at most the lower of the cap and the notice's school fee
 *   (`agreementFeeLimit`); a social candidate pays the notice's social fee, never above the cap.
 */

// ---- provincial caps ----

export interface CapAboveNational {
  form: ExamForm;
  capFen: number;
  nationalFen: number;
}

/** The forms whose cap is above the national (default) cap: a province may set its caps at or below it only. */
export function capsAboveNational(
  caps: Readonly<Record<ExamForm, number>>,
  national: Readonly<Record<ExamForm, number>> = NATIONAL_FEE_CAPS_FEN,
): CapAboveNational[] {
  return EXAM_FORMS.filter((f) => caps[f] > national[f]).map((f) => ({ form: f, capFen: caps[f], nationalFen: national[f] }));
}

/** The Chinese message of a provincial cap above the national one (cites no provincial or school document). */
export function capsAboveNationalMessage(over: readonly CapAboveNational[]): string {
  const parts = over.map((o) => `${EXAM_FORM_LABELS[o.form].zh} ${formatYuan(o.capFen)} 元高于国家上限 ${formatYuan(o.nationalFen)} 元`);
  return `省级收费上限只能等于或低于国家规定的收费上限：${parts.join('；')}`;
}

/** Form by form, the lower of two sets of caps. */
export function lowerCaps(
  a: Readonly<Record<ExamForm, number>>,
  b: Readonly<Record<ExamForm, number>>,
): Readonly<Record<ExamForm, number>> {
  return Object.fromEntries(EXAM_FORMS.map((f) => [f, Math.min(a[f], b[f])])) as Record<ExamForm, number>;
}

// ---- the organizations' fee notices (收费公告) ----

export const feeNoticeInputSchema = z
  .object({
    certificateTypeId: z.string().uuid(),
    level: z.enum(CERTIFICATE_LEVELS),
    /** Fee per candidate for pilot schools (paid by the school); null: not stated (only the cap binds agreements). */
    schoolFeeFen: fen().nullable(),
    /** Fee per candidate for social candidates (paid by the candidate); null: not offered to social candidates. */
    socialFeeFen: fen().nullable(),
    effectiveOn: calendarDate,
    note: text(500).optional(),
  })
  .refine((v) => v.schoolFeeFen !== null || v.socialFeeFen !== null, {
    message: '请至少填写院校试点或社会考生其中一项收费标准',
    path: ['schoolFeeFen'],
  });
export type FeeNoticeInput = z.infer<typeof feeNoticeInputSchema>;

export const feeNoticeSchema = z.object({
  id: z.string(),
  organization: z.object({ id: z.string(), name: z.string() }),
  certificateType: z.object({ id: z.string(), name: z.string(), code: z.string() }),
  level: z.enum(CERTIFICATE_LEVELS),
  schoolFeeFen: z.number().int().nullable(),
  socialFeeFen: z.number().int().nullable(),
  /** The national (default) cap of the level when the notice was published. */
  capFen: z.number().int(),
  effectiveOn: z.string(),
  note: z.string().nullable(),
  publishedAt: z.string(),
  /** `in_force`: the level's notice today; `scheduled`: takes effect later; `superseded`: replaced by a later one. */
  state: z.enum(['in_force', 'scheduled', 'superseded']),
});
export type FeeNoticeDto = z.infer<typeof feeNoticeSchema>;

export const feeNoticeQuerySchema = z.object({
  certificateTypeId: z.string().uuid().optional(),
  level: z.enum(CERTIFICATE_LEVELS).optional(),
  state: z.enum(['in_force', 'scheduled', 'superseded']).optional(),
  page: z.coerce.number().int().min(1).max(100_000).default(1),
  pageSize: z.coerce.number().int().min(1).max(200).default(20),
});

export const FEE_NOTICE_STATE_LABELS = {
  in_force: { zh: '执行中', en: 'In force' },
  scheduled: { zh: '待执行', en: 'Scheduled' },
  superseded: { zh: '已替代', en: 'Superseded' },
} as const;

/** Problems of a notice against the level's national cap (undefined: the level has no exam forms yet). */
export function feeNoticeProblems(
  v: { level: CertificateLevel; schoolFeeFen: number | null; socialFeeFen: number | null },
  capFen: number | undefined,
): { code: 'FEE_LEVEL_INVALID' | 'FEE_ABOVE_CAP'; message: string }[] {
  const label = CERTIFICATE_LEVEL_LABELS[v.level].zh;
  if (capFen === undefined) return [{ code: 'FEE_LEVEL_INVALID', message: `${label}尚未公布考核方式，无法确定收费上限` }];
  const out: { code: 'FEE_ABOVE_CAP'; message: string }[] = [];
  for (const [who, fee] of [
    ['院校试点', v.schoolFeeFen],
    ['社会考生', v.socialFeeFen],
  ] as const)
    if (fee !== null && fee > capFen)
      out.push({ code: 'FEE_ABOVE_CAP', message: `${label}${who}收费 ${formatYuan(fee)} 元超过该等级收费上限 ${formatYuan(capFen)} 元` });
  return out;
}

/** The notice in force on a date (YYYY-MM-DD) among one level's notices: the latest effective by then, the last published first. */
export function noticeInForce<T extends { effectiveOn: string; publishedAt: string }>(notices: readonly T[], date: string): T | undefined {
  return notices
    .filter((n) => n.effectiveOn <= date)
    .sort((a, b) => b.effectiveOn.localeCompare(a.effectiveOn) || b.publishedAt.localeCompare(a.publishedAt))[0];
}

/** The state of each notice of one level on a date. */
export function noticeState(
  n: { id: string; effectiveOn: string },
  inForceId: string | undefined,
  date: string,
): 'in_force' | 'scheduled' | 'superseded' {
  if (n.id === inForceId) return 'in_force';
  return n.effectiveOn > date ? 'scheduled' : 'superseded';
}

/** The most an agreement may set for a level: the lower of the applicable cap and the organization's published school fee. */
export function agreementFeeLimit(capFen: number, noticeFeeFen: number | null | undefined): { limitFen: number; by: 'cap' | 'notice' } {
  return noticeFeeFen !== null && noticeFeeFen !== undefined && noticeFeeFen < capFen
    ? { limitFen: noticeFeeFen, by: 'notice' }
    : { limitFen: capFen, by: 'cap' };
}

/** The China calendar date (UTC+8, no daylight saving) of an instant, as YYYY-MM-DD. */
export function chinaDate(at: Date): string {
  return new Date(at.getTime() + 8 * 3_600_000).toISOString().slice(0, 10);
}
