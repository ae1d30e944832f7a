import { z } from 'zod';

/**
 * Export jobs (R10.2): a list export of more rows than the threshold (`EXPORT_JOB_THRESHOLD`) is written in the
 * background; `format=xlsx` then answers 202 with the job, which its requester polls until it can download the file.
 */
export const EXPORT_JOB_STATUSES = ['queued', 'running', 'succeeded', 'failed'] as const;
export type ExportJobStatus = (typeof EXPORT_JOB_STATUSES)[number];

export const exportJobSchema = z.object({
  id: z.string(),
  /** The exported list's path (api-v1, with `/api/v1`). */
  path: z.string(),
  status: z.enum(EXPORT_JOB_STATUSES),
  /** Rows to write (the list's total, at most the export cap) and rows written so far. */
  total: z.number().int(),
  done: z.number().int(),
  message: z.string().nullable(),
  createdAt: z.string(),
  finishedAt: z.string().nullable(),
  /** The job and its file are deleted after this time. */
  expiresAt: z.string(),
  /** Where the finished .xlsx is downloaded (null until the job succeeded). */
  downloadUrl: z.string().nullable(),
});
export type ExportJobDto = z.infer<typeof exportJobSchema>;
