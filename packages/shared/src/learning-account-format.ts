import { z } from 'zod';
import { ID_TYPES, idNumberInputSchema } from './exams';
import { OUTCOME_STATES, OUTCOME_TYPES } from './credit-bank';
import { calendarDate, hasOneDecimal, text } from './input';

/**
 * The hand-off format of a learning account (学习账户交换格式, issue 18 item 8; `003` 四(五) 国家学分银行): what a learner
 * or school exports and what the platform imports (idempotently) — the way accounts move between credit banks.
 * Documented in docs/learning-account-format.md; its JSON Schema (docs/learning-account-format.schema.json) is
 * generated from this zod schema and a test keeps the two equal.
 *
 * Versioning: `format` is `onex-learning-account/<major>`. A reader accepts its own major version and ignores fields
 * it does not know; a change that removes or redefines a field takes the next major version.
 */
export const LEARNING_ACCOUNT_FORMAT = 'onex-learning-account/1';

const bucket = z.object({ key: z.string(), credits: z.number(), count: z.number().int() });

export const learningAccountDocumentSchema = z
  .object({
    format: z.literal(LEARNING_ACCOUNT_FORMAT).describe('格式与主版本号'),
    exportedAt: z.string().describe('导出时间（ISO 8601）'),
    issuer: z.object({ name: z.string(), url: z.string().describe('导出平台的地址，成果的来源标识以它为命名空间') }),
    holder: z.object({
      name: z.string().describe('持有人姓名'),
      idMasked: z.string().describe('脱敏的证件号码（前 4 位与后 4 位）；完整号码不导出'),
      idType: z.enum(ID_TYPES),
    }),
    summary: z
      .object({
        totalCredits: z.number(),
        outcomeCount: z.number().int(),
        bySource: z.array(bucket).optional(),
        byType: z.array(bucket).optional(),
        byYear: z.array(bucket).optional(),
      })
      .passthrough(),
    outcomes: z.array(
      z
        .object({
          id: z.string().describe('成果在导出平台中的标识'),
          origin: z.object({ issuer: z.string(), id: z.string() }).describe('成果最初存入的平台与标识；经多次交换不变，导入按它去重'),
          type: z.enum(OUTCOME_TYPES),
          typeLabel: z.string().optional(),
          name: z.string(),
          level: z.string().nullable(),
          credits: z.number(),
          hours: z.number().nullable(),
          recordedOn: z.string().describe('取得日期 YYYY-MM-DD'),
          source: z.string().describe('成果来源（院校、发证机构等）'),
          state: z.enum(OUTCOME_STATES),
          usedInConversion: z.boolean().optional(),
          fromConversion: z.boolean().optional(),
          certificateNumber: z.string().optional(),
          verificationUrl: z.string().optional(),
          credentialIndex: z.number().int().min(0).optional().describe('该证书的可验证凭证在 credentials 数组中的位置（从 0 起）'),
        })
        .passthrough(),
    ),
    exemptions: z.array(z.unknown()).optional(),
    credentials: z
      .array(z.record(z.string(), z.unknown()))
      .describe('每张证书的可验证凭证（W3C VC 2.0 + Open Badges 3.0，含 eddsa-jcs-2022 证明），原样携带'),
  })
  .passthrough();
export type LearningAccountDocument = z.infer<typeof learningAccountDocumentSchema>;

/** The JSON Schema of the format (docs/learning-account-format.schema.json is this, pretty-printed). */
export function learningAccountJsonSchema(): unknown {
  return {
    ...z.toJSONSchema(learningAccountDocumentSchema, { target: 'draft-2020-12', io: 'input' }),
    $id: 'https://onex.example/schemas/learning-account/1.json',
    title: '1+X 学习账户交换格式 onex-learning-account/1',
  };
}

export const learningAccountImportSchema = z.object({
  document: z.record(z.string(), z.unknown()),
  idType: z.enum(ID_TYPES),
  /** The holder's full ID number (the document carries it masked): checked against the mask and opened by it. */
  idNumber: idNumberInputSchema,
});
export const learningAccountImportResultSchema = z.object({
  accountId: z.string(),
  accountOpened: z.boolean(),
  outcomes: z.number().int(),
  written: z.number().int(),
  duplicate: z.boolean(),
});

/**
 * What an import writes of each outcome, checked as a school's own deposit is (credits 0–100 with one decimal, text
 * within bounds, a real date): the format's schema describes documents; this is what the platform accepts from one.
 */
export const importedOutcomeSchema = z.object({
  origin: z.object({ issuer: text(300).min(1, '成果来源平台不能为空'), id: text(200).min(1, '成果标识不能为空') }),
  name: text(200).min(1, '成果名称不能为空'),
  level: text(50).nullable(),
  credits: z.number().min(0, '学分不能为负数').max(100, '学分不能超过 100').refine(hasOneDecimal, { message: '学分最多保留一位小数' }),
  hours: z.number().min(0, '学时不能为负数').max(10_000, '学时不能超过 10000').nullable(),
  recordedOn: calendarDate,
  source: text(200).min(1, '成果来源不能为空'),
});
