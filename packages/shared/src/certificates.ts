import { z } from 'zod';
import { text } from './input';
import { CERTIFICATE_LEVELS, type CertificateLevel } from './catalog';
import { pageQuerySchema } from './contracts';

/**
 * Certificates (R6): numbers, the public verification contract (api-v1) and the holder's share links.
 *
 * A certificate number is `YYYY` (year of issue) + one level digit (1 初级, 2 中级, 3 高级) + a 10-digit serial +
 * one check character computed by ISO 7064 MOD 37,36 over the first 15 characters — 16 characters in all.
 * MOD 37,36 catches every single wrong character and every swap of two adjacent characters, so a typo is refused
 * before the database is asked.
 */

const ALPHABET = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ';
const LEVEL_DIGIT: Record<CertificateLevel, string> = { junior: '1', intermediate: '2', senior: '3' };
export const CERTIFICATE_NUMBER_PATTERN = /^\d{4}[123]\d{10}[0-9A-Z]$/;

/** ISO 7064 MOD 37,36 (hybrid system): the check character of an alphanumeric string. */
export function mod3736CheckChar(body: string): string {
  let p = 36;
  for (const ch of body) {
    const v = ALPHABET.indexOf(ch);
    if (v < 0) throw new Error(`not alphanumeric: ${ch}`);
    let s = (p + v) % 36;
    if (s === 0) s = 36;
    p = (s * 2) % 37;
  }
  return ALPHABET[(37 - p) % 36]!;
}

export function certificateNumber(year: number, level: CertificateLevel, serial: number | bigint): string {
  const body = `${year}${LEVEL_DIGIT[level]}${String(serial).padStart(10, '0')}`;
  if (body.length !== 15) throw new Error('certificate serial out of range');
  return body + mod3736CheckChar(body);
}

/** Why a typed certificate number cannot be one of ours, in Chinese; null when it can. */
export function certificateNumberProblem(raw: string): string | null {
  const n = normalizeCertificateNumber(raw);
  if (!CERTIFICATE_NUMBER_PATTERN.test(n)) return '证书编号应为 16 位（4 位年份、1 位等级、10 位序号和 1 位校验码）';
  if (mod3736CheckChar(n.slice(0, 15)) !== n[15]) return '证书编号校验码不符，请核对是否输入有误';
  return null;
}

/** Characters people type for one another: 0/O, 1/I/L (the number is digits, its check character a digit or letter). */
const LOOKALIKE_DIGITS: Record<string, string> = { O: '0', Q: '0', D: '0', I: '1', L: '1' };
const LOOKALIKE_CHECK: Record<string, string[]> = { '0': ['O'], O: ['0'], '1': ['I', 'L'], I: ['1', 'L'], L: ['1', 'I'] };

/**
 * A valid certificate number the user probably meant when the typed one is invalid because of a look-alike character
 * (0 typed as O in the digits, O typed as 0 in the check character, …): "您是否要查询 …". Null when the number is valid
 * or no single reading of its look-alikes gives a valid one.
 */
export function certificateNumberSuggestion(raw: string): string | null {
  const n = normalizeCertificateNumber(raw);
  if (n.length !== 16 || certificateNumberProblem(n) === null) return null;
  const digits = [...n.slice(0, 15)].map((c) => LOOKALIKE_DIGITS[c] ?? c).join('');
  const checks = [n[15]!, ...(LOOKALIKE_CHECK[n[15]!] ?? [])];
  for (const c of checks) {
    const candidate = digits + c;
    if (candidate !== n && certificateNumberProblem(candidate) === null) return candidate;
  }
  return null;
}

export function normalizeCertificateNumber(raw: string): string {
  return raw.replace(/[\s-]/g, '').toUpperCase();
}

export const CERTIFICATE_STATUSES = ['valid', 'revoked'] as const;
export type CertificateStatus = (typeof CERTIFICATE_STATUSES)[number];

/** The certificate as the public sees it (api-v1): the ID number is always masked. */
export const publicCertificateSchema = z.object({
  number: z.string(),
  holderName: z.string(),
  holderIdMasked: z.string(),
  certificateTypeName: z.string(),
  level: z.enum(CERTIFICATE_LEVELS),
  organizationName: z.string(),
  issuedOn: z.string(),
  revokedOn: z.string().optional(),
  revocationReason: z.string().optional(),
  verificationUrl: z.string(),
});
export type PublicCertificateDto = z.infer<typeof publicCertificateSchema>;

export const verifyQuerySchema = z.object({
  number: z
    .string()
    .trim()
    .min(1, '请输入证书编号')
    .max(40)
    .transform(normalizeCertificateNumber)
    .superRefine((n, ctx) => {
      const problem = certificateNumberProblem(n);
      if (problem) ctx.addIssue({ code: 'custom', message: problem });
    }),
  name: text().min(1, '请输入持证人姓名').max(50),
});

export const verifyResultSchema = z.object({
  result: z.enum(CERTIFICATE_STATUSES),
  certificate: publicCertificateSchema,
});
export type VerifyResultDto = z.infer<typeof verifyResultSchema>;

/** A verifiable credential is passed through as JSON (its shape is the W3C/Open Badges one, described in api-v1). */
export const credentialJsonSchema = z.record(z.string(), z.unknown());
export const credentialResultSchema = verifyResultSchema.extend({ credential: credentialJsonSchema });
export type CredentialResultDto = z.infer<typeof credentialResultSchema>;

/** A controlled-identifier (did:web) document of an issuer or of the platform (api-v1, R6.6). */
export const issuerSchema = z.object({
  '@context': z.array(z.union([z.string(), z.record(z.string(), z.string())])),
  id: z.string(),
  name: z.string(),
  verificationMethod: z.array(
    z.object({
      id: z.string(),
      type: z.literal('Multikey'),
      controller: z.string(),
      publicKeyMultibase: z.string(),
      created: z.string().optional(),
    }),
  ),
  assertionMethod: z.array(z.string()),
});
export type IssuerDto = z.infer<typeof issuerSchema>;

export const issueResultSchema = z.object({ issued: z.number().int(), alreadyIssued: z.number().int() });

/** api-v1: a session's certificates. */
export const sessionCertificateSchema = z.object({
  number: z.string(),
  candidateId: z.string(),
  holderName: z.string(),
  verificationCode: z.string(),
  issuedOn: z.string(),
  status: z.enum(CERTIFICATE_STATUSES),
});
export type SessionCertificateDto = z.infer<typeof sessionCertificateSchema>;

export const revocationSchema = z.object({ reason: text().min(2, '请填写撤销原因').max(500) });

/** A certificate as its holder, school or organization sees it in the platform (beyond the public view). */
export const certificateSchema = z.object({
  id: z.string(),
  number: z.string(),
  status: z.enum(CERTIFICATE_STATUSES),
  holderName: z.string(),
  holderIdMasked: z.string(),
  certificateTypeId: z.string(),
  certificateTypeName: z.string(),
  level: z.enum(CERTIFICATE_LEVELS),
  organization: z.object({ id: z.string(), name: z.string() }),
  schoolName: z.string().nullable(),
  sessionId: z.string(),
  issuedOn: z.string(),
  revokedOn: z.string().nullable(),
  revocationReason: z.string().nullable(),
  verificationCode: z.string(),
  verificationUrl: z.string(),
});
export type CertificateDto = z.infer<typeof certificateSchema>;

export const certificateQuerySchema = pageQuerySchema.extend({
  q: text().max(50).optional(),
  status: z.enum(CERTIFICATE_STATUSES).optional(),
  sessionId: z.string().uuid().optional(),
});

/** Share links (as 学信网 does): valid 30–180 days, revocable early; the link shows the certificate without a name. */
export const SHARE_LINK_DAYS = { min: 30, max: 180 } as const;
export const shareLinkCreateSchema = z.object({
  days: z.number().int().min(SHARE_LINK_DAYS.min, '有效期至少 30 天').max(SHARE_LINK_DAYS.max, '有效期至多 180 天'),
});
export const shareLinkSchema = z.object({
  id: z.string(),
  certificateNumber: z.string(),
  url: z.string(),
  createdAt: z.string(),
  expiresAt: z.string(),
  revokedAt: z.string().nullable(),
  active: z.boolean(),
});
export type ShareLinkDto = z.infer<typeof shareLinkSchema>;

/** Whether a share link opens the certificate at `now`. */
export function shareLinkActive(link: { expiresAt: Date; revokedAt: Date | null }, now: Date): boolean {
  return link.revokedAt === null && now.getTime() < link.expiresAt.getTime();
}

export const issuerKeySchema = z.object({
  id: z.string(),
  verificationMethod: z.string(),
  publicKeyMultibase: z.string(),
  status: z.enum(['active', 'retired']),
  createdAt: z.string(),
  retiredAt: z.string().nullable(),
});
export type IssuerKeyDto = z.infer<typeof issuerKeySchema>;

/**
 * The verify page's check of a credential file, step by step (格式、签名、签发机构、信任列表、撤销状态): each step is
 * `true`, `false`, or `null` when it could not be checked because an earlier step failed. `legacyFormat`: a copy
 * signed before the platform adopted the W3C proof format (旧格式) — still genuine, to be downloaded again.
 */
export const credentialCheckSchema = z.object({
  valid: z.boolean(),
  legacyFormat: z.boolean(),
  checks: z.object({
    format: z.boolean(),
    signature: z.boolean().nullable(),
    issuerKnown: z.boolean().nullable(),
    trustList: z.boolean().nullable(),
    notRevoked: z.boolean().nullable(),
  }),
  message: z.string(),
  certificate: publicCertificateSchema.optional(),
});
export type CredentialCheckDto = z.infer<typeof credentialCheckSchema>;

/** A session's batch PDF (R6.4), built by a background job: one page per certificate; `done` of `total` pages drawn. */
export const CERTIFICATE_PDF_JOB_STATUSES = ['queued', 'running', 'succeeded', 'failed'] as const;
export type CertificatePdfJobStatus = (typeof CERTIFICATE_PDF_JOB_STATUSES)[number];
export const certificatePdfJobSchema = z.object({
  id: z.string(),
  sessionId: z.string(),
  status: z.enum(CERTIFICATE_PDF_JOB_STATUSES),
  total: z.number().int(),
  done: z.number().int(),
  message: z.string().nullable(),
  createdAt: z.string(),
  finishedAt: z.string().nullable(),
  /** Where the finished PDF is downloaded (null until the job succeeded). */
  downloadUrl: z.string().nullable(),
});
export type CertificatePdfJobDto = z.infer<typeof certificatePdfJobSchema>;
