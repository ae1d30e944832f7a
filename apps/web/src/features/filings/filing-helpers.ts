import {
  FILING_ATTACHMENT_LABELS,
  weightedTotal,
  type FilingAttachmentKind,
  type FilingSection,
  type FilingStatus,
  type MissingField,
  type ReviewCriterion,
} from '@onex/shared';
import type { Lang } from '../../lib/errors';

/** Tag colours of the filing statuses (labels: `FILING_STATUS_LABELS` of the shared workflow table). */
export const FILING_STATUS_COLORS: Record<FilingStatus, string> = {
  draft: 'default',
  submitted: 'blue',
  municipal_review: 'cyan',
  provincial_review: 'geekblue',
  approved: 'green',
  rejected: 'red',
  returned: 'orange',
  published: 'purple',
};

// ---- the steps of the filing form, in the order of the paper form (000 附件1 备案表, then 附件2 论证报告) ----

/**
 * The steps of the filing wizard: the cover of 备案表 (基本信息), its parts 一、二、三 and the opinions, then
 * 附件2 论证报告, then 课程支撑 (001 第八条（四）, not on the paper form), attachments and submission. The step number
 * (index + 1) is the ONE numbering shown in the step list, the step title and the missing-fields summary.
 */
export const FILING_STEPS = [
  'basics',
  'plan',
  'team',
  'overview',
  'opinions',
  'feasibility',
  'courseSupport',
  'attachments',
  'submit',
] as const;
export type FilingStep = (typeof FILING_STEPS)[number];

/** The sections each step saves (`PUT /filings/{id}/sections/{section}`); attachments and submit save none. */
export const STEP_SECTIONS: Record<FilingStep, readonly FilingSection[]> = {
  basics: ['basics'],
  plan: ['plan'],
  team: ['leader', 'team'],
  overview: ['overview'],
  opinions: ['opinions'],
  feasibility: ['feasibility'],
  courseSupport: ['courseSupport'],
  attachments: [],
  submit: [],
};

/** The step index that holds a section (for reviewers' return comments and missing-field messages). */
export function stepOfSection(section: FilingSection): number {
  return FILING_STEPS.findIndex((s) => STEP_SECTIONS[s].includes(section));
}

/** The sections of a step index; [] for out-of-range indexes. */
export function sectionsOfStep(index: number): readonly FilingSection[] {
  const step = FILING_STEPS[index];
  return step ? STEP_SECTIONS[step] : [];
}

/** A step's title with its number, e.g. `2. 申报计划（备案表 一）`; `label` is the step's name. */
export const numberedStep = (index: number, label: string) => `${index + 1}. ${label}`;

/** One entry of the missing-fields summary: a missing field of the form, or a missing attachment. */
export interface MissingEntry {
  step: number;
  /** The form path to focus (section first), or null for an attachment. */
  formPath: (string | number)[] | null;
  label: { zh: string; en: string };
  row?: number;
}

/**
 * The missing entries of a filing grouped by step index (ascending), from the shared `missingFilingFields` and the
 * required attachments not yet uploaded.
 */
export function missingByStep(
  fields: readonly MissingField[],
  missingAttachments: readonly FilingAttachmentKind[],
): { step: number; entries: MissingEntry[] }[] {
  const entries: MissingEntry[] = [
    ...fields.map((m) => ({
      step: stepOfSection(m.section),
      formPath: [m.section, ...m.path],
      label: m.label,
      ...(m.row ? { row: m.row } : {}),
    })),
    ...missingAttachments.map((k) => ({
      step: FILING_STEPS.indexOf('attachments'),
      formPath: null,
      label: FILING_ATTACHMENT_LABELS[k],
    })),
  ];
  const steps = [...new Set(entries.map((e) => e.step))].sort((a, b) => a - b);
  return steps.map((step) => ({ step, entries: entries.filter((e) => e.step === step) }));
}

// ---- countdown to a round's school deadline ----

const pad = (n: number) => String(n).padStart(2, '0');

/**
 * The time left until `deadline`, as `12 天 03:04:05` / `12 d 03:04:05`; null once it has passed.
 * `nowMs` is the current time on the server's clock.
 */
export function formatCountdown(deadline: string, nowMs: number, lang: Lang): string | null {
  const left = Date.parse(deadline) - nowMs;
  if (!Number.isFinite(left) || left <= 0) return null;
  const s = Math.floor(left / 1000);
  const days = Math.floor(s / 86400);
  const hms = `${pad(Math.floor((s % 86400) / 3600))}:${pad(Math.floor((s % 3600) / 60))}:${pad(s % 60)}`;
  if (days === 0) return hms;
  return lang === 'en-US' ? `${days} d ${hms}` : `${days} 天 ${hms}`;
}

/** The offset to add to the browser clock to get the server clock, from a `now` the server sent. */
export function serverClockOffset(serverNow: string, browserNowMs: number): number {
  const t = Date.parse(serverNow);
  return Number.isFinite(t) ? t - browserNowMs : 0;
}

// ---- expert scoring ----

/** The weighted total shown live while an expert types; unscored criteria count 0 (the server requires all). */
export function liveWeightedTotal(
  criteria: readonly ReviewCriterion[],
  scores: Readonly<Record<string, number | null | undefined>>,
): number {
  const clean: Record<string, number> = {};
  for (const c of criteria) {
    const v = scores[c.key];
    if (typeof v === 'number' && Number.isFinite(v)) clean[c.key] = Math.min(100, Math.max(0, v));
  }
  return weightedTotal(criteria, clean);
}

/** Whether every criterion has a score. */
export const allScored = (criteria: readonly ReviewCriterion[], scores: Readonly<Record<string, number | null | undefined>>) =>
  criteria.every((c) => typeof scores[c.key] === 'number');

/** Sum of the criteria weights (a round's criteria must sum to 100). */
export const weightSum = (criteria: readonly (Partial<ReviewCriterion> | undefined)[]) =>
  criteria.reduce((s, c) => s + (typeof c?.weight === 'number' ? c.weight : 0), 0);

// ---- sizes and hashes ----

export function formatSize(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`;
  if (bytes < 1024 * 1024) return `${(bytes / 1024).toFixed(1)} KB`;
  return `${(bytes / 1024 / 1024).toFixed(1)} MB`;
}

export const shortSha = (sha: string) => sha.slice(0, 12);

// ---- draft values ----

/**
 * A form value made fit to save as a draft section: drops undefined/null and blank strings, empty rows of lists,
 * and trims strings. Returns undefined when nothing is left.
 */
export function cleanDraft(value: unknown): unknown {
  if (value === null || value === undefined) return undefined;
  if (typeof value === 'string') {
    const t = value.trim();
    return t === '' ? undefined : t;
  }
  if (Array.isArray(value)) {
    const items = value.map(cleanDraft).filter((v) => v !== undefined);
    return items;
  }
  if (typeof value === 'object') {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value as Record<string, unknown>)) {
      const c = cleanDraft(v);
      if (c !== undefined) out[k] = c;
    }
    return Object.keys(out).length ? out : undefined;
  }
  return value;
}

/** `14:05` of a save time, local clock. */
export function savedAt(d: Date): string {
  return `${pad(d.getHours())}:${pad(d.getMinutes())}`;
}
