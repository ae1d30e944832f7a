import { z } from 'zod';
import { text } from './input';
import { CERTIFICATE_LEVELS } from './catalog';
import { ID_TYPES, RESULT_IMPORT_KINDS, RESULT_IMPORT_STATUSES } from './exams';
import { importErrorSchema } from './schools';

/**
 * Results import (R5.5), candidates of a session, score publication (成绩公示) and pass rates (R5.6).
 * The contract endpoints (api-v1, "Evaluation organizations' systems") and the UI's job endpoints.
 */

/** 考核结果 of a results file. */
export const RESULT_LABELS = { passed: '合格', failed: '不合格' } as const;

/** Most data rows one results file may hold. */
export const MAX_RESULT_ROWS = 200_000;
/** Most row errors returned (and stored with a failed job); `totalErrors` gives the full count. */
export const MAX_REPORTED_IMPORT_ERRORS = 1000;

/** `POST /api/v1/exam-sessions/{id}/results` (contract): 200. */
export const resultImportOutcomeSchema = z.object({
  importId: z.string(),
  /** The same file (SHA-256 of its bytes) was imported before into this session: nothing was written. */
  duplicate: z.boolean(),
  rows: z.number().int(),
  passed: z.number().int(),
  failed: z.number().int(),
  kind: z.enum(RESULT_IMPORT_KINDS),
});
export type ResultImportOutcomeDto = z.infer<typeof resultImportOutcomeSchema>;

/** Multipart text fields beside `file`: a correction names itself and says why (R5.5: scores change only by a correction). */
export const resultImportFieldsSchema = z
  .object({
    correction: z.enum(['true', 'false']).default('false'),
    note: text().max(1000).optional(),
    /** Job endpoint only: validate and count, write nothing. */
    preview: z.enum(['true', 'false']).default('false'),
  })
  .superRefine((v, ctx) => {
    if (v.correction === 'true' && !v.note) ctx.addIssue({ code: 'custom', path: ['note'], message: '成绩更正须填写更正说明' });
  });

/** `preview=true`: what the import would do (nothing written). */
export const resultImportPreviewSchema = z.object({
  preview: z.literal(true),
  valid: z.boolean(),
  rows: z.number().int(),
  passed: z.number().int(),
  failed: z.number().int(),
  kind: z.enum(RESULT_IMPORT_KINDS),
  /** The file was already imported: committing returns the earlier import. */
  duplicateOf: z.string().nullable(),
  /** Candidates of the file that already have a result (a non-correction import is refused). */
  existingResults: z.number().int(),
  errors: z.array(importErrorSchema),
  totalErrors: z.number().int(),
});
export type ResultImportPreviewDto = z.infer<typeof resultImportPreviewSchema>;

/** A results import job (`GET /api/v1/result-imports/{id}`). */
export const resultImportJobSchema = z.object({
  id: z.string(),
  sessionId: z.string(),
  fileName: z.string(),
  kind: z.enum(RESULT_IMPORT_KINDS),
  correctionNote: z.string().nullable(),
  status: z.enum(RESULT_IMPORT_STATUSES),
  /** 0–100 */
  progress: z.number().int(),
  rows: z.number().int(),
  passed: z.number().int(),
  failed: z.number().int(),
  errors: z.array(importErrorSchema),
  /** A failure that is not about rows (e.g. the session's status, results that exist). */
  message: z.string().nullable(),
  /** Set when the job endpoint received a file imported before: the earlier import. */
  duplicate: z.boolean(),
  createdAt: z.string(),
  startedAt: z.string().nullable(),
  finishedAt: z.string().nullable(),
});
export type ResultImportJobDto = z.infer<typeof resultImportJobSchema>;

export const resultImportListSchema = z.object({ items: z.array(resultImportJobSchema) });

/** `GET /api/v1/exam-sessions/{id}/candidates` (contract) item; the organization sees full ID numbers of its candidates. */
export const candidateSchema = z.object({
  /** The candidate's registration in this session. */
  candidateId: z.string(),
  name: z.string(),
  idType: z.enum(ID_TYPES),
  /** 证件类型 as a results file spells it (居民身份证 …). */
  idTypeLabel: z.string(),
  idNumber: z.string(),
  schoolName: z.string().nullable(),
  className: z.string().nullable(),
  hasResult: z.boolean(),
  score: z.number().nullable(),
  passed: z.boolean().nullable(),
});
export type CandidateDto = z.infer<typeof candidateSchema>;

/** `POST /api/v1/exam-sessions/{id}/score-publication` (contract): 200. */
export const scorePublicationSchema = z.object({
  sessionId: z.string(),
  status: z.literal('scores_published'),
  scoresPublishedAt: z.string(),
  candidates: z.number().int(),
  passed: z.number().int(),
  // additions (issue 21 item 2)
  /** Registered candidates without a result when the scores were published (confirmed by the publisher). */
  missing: z.number().int(),
  /** 公示期 of this session in days: certificates may be issued once it has passed. */
  publicityDays: z.number().int(),
});
export type ScorePublicationDto = z.infer<typeof scorePublicationSchema>;

/**
 * The body of `POST …/score-publication` (optional: API clients publishing a session where every candidate has a
 * score send none). With candidates still without a result, `confirmMissing` must equal their number.
 */
export const scorePublicationRequestSchema = z.object({
  confirmMissing: z.number().int().min(0).optional(),
  publicityDays: z.number().int().min(0).max(60).optional(),
});
export type ScorePublicationRequest = z.infer<typeof scorePublicationRequestSchema>;

/** What publishing would do now: candidates, those without a result, and the default 公示期 (the organization's). */
export const scorePublicationCheckSchema = z.object({
  candidates: z.number().int(),
  withResult: z.number().int(),
  missing: z.number().int(),
  publicityDays: z.number().int(),
});
export type ScorePublicationCheckDto = z.infer<typeof scorePublicationCheckSchema>;

// ---- Pass rates (R5.6) ----

export const PASS_RATE_GROUPS = ['session', 'pilot', 'school', 'certificate', 'level', 'province', 'year'] as const;
export type PassRateGroup = (typeof PASS_RATE_GROUPS)[number];
export const PASS_RATE_GROUP_LABELS: Record<PassRateGroup, { zh: string; en: string }> = {
  session: { zh: '考核场次', en: 'Exam session' },
  pilot: { zh: '试点项目', en: 'Pilot' },
  school: { zh: '院校', en: 'School' },
  certificate: { zh: '证书', en: 'Certificate' },
  level: { zh: '等级', en: 'Level' },
  province: { zh: '省份', en: 'Province' },
  year: { zh: '年度', en: 'Year' },
};

export const passRateQuerySchema = z.object({
  groupBy: z.enum(PASS_RATE_GROUPS).default('certificate'),
  year: z.coerce.number().int().min(2000).max(2100).optional(),
  certificateTypeId: z.string().uuid().optional(),
  level: z.enum(CERTIFICATE_LEVELS).optional(),
});
export type PassRateQuery = z.infer<typeof passRateQuerySchema>;

export const passRateRowSchema = z.object({
  /** The group's identifier (a session, filing, school or certificate id, a level, a province code or a year). */
  key: z.string(),
  label: z.string(),
  candidates: z.number().int(),
  passed: z.number().int(),
  failed: z.number().int(),
  /** 0–1; null without candidates. */
  rate: z.number().nullable(),
});
export type PassRateRowDto = z.infer<typeof passRateRowSchema>;

export const passRateReportSchema = z.object({
  groupBy: z.enum(PASS_RATE_GROUPS),
  year: z.number().int().nullable(),
  items: z.array(passRateRowSchema),
  total: passRateRowSchema.omit({ key: true, label: true }),
});
export type PassRateReportDto = z.infer<typeof passRateReportSchema>;
