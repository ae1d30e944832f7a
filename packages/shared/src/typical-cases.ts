import { z } from 'zod';
import { pageQuerySchema, pageOf } from './contracts';
import { calendarDate, int4, text } from './input';

/**
 * Typical cases (典型案例, R9.2): a province opens a collection, schools submit cases written to 粤教职函〔2023〕12号
 * 三（三） and its 附件3 《典型案例撰写要求》, the province reviews, scores, selects and publishes the selected cases.
 */

export const CASE_DOC = '粤教职函〔2023〕12号';
export const CASE_CLAUSES = {
  length: `${CASE_DOC} 附件3 一：3000 字以内`,
  categories: `${CASE_DOC} 附件3 二：可推荐的案例方面`,
  sections: `${CASE_DOC} 附件3 三：实施背景（或导语）、工作举措、特色成效（或可推广的经验模式等）`,
  images: `${CASE_DOC} 附件3 四：每个案例 2-4 张图`,
  files: `${CASE_DOC} 三（三）：典型案例（盖章 pdf 扫描件和 word 电子版）`,
  deadline: `${CASE_DOC} 三（三）：于规定日期前报送`,
} as const;

export const CASE_MAX_CHARS = 3000;
export const CASE_MIN_IMAGES = 2;
export const CASE_MAX_IMAGES = 4;

/**
 * How 附件3 一 "3000 字以内" is counted: the way 字数 is counted in Chinese documents (Word's 字数统计, which the seed's
 * Word file is written in): every Chinese character and every full-width character or punctuation mark counts one;
 * a run of other characters without spaces (an English word, a number such as 2023 or 95.6%, "1+X") counts one, as a
 * word; spaces and line breaks do not count. Counted over the whole case: the title and the three sections.
 */
export function caseCharCount(s: string): number {
  let n = 0;
  let inWord = false;
  for (const ch of s) {
    if (/\s/u.test(ch)) {
      inWord = false;
      continue;
    }
    const cp = ch.codePointAt(0)!;
    const wide =
      /\p{Script=Han}/u.test(ch) ||
      (cp >= 0x3000 && cp <= 0x303f) || // CJK punctuation
      (cp >= 0xff00 && cp <= 0xffef) || // full-width forms
      (cp >= 0x2010 && cp <= 0x206f) || // general punctuation: “”‘’—…
      (cp >= 0xfe30 && cp <= 0xfe4f);
    if (wide) {
      n += 1;
      inWord = false;
    } else if (!inWord) {
      n += 1;
      inWord = true;
    }
  }
  return n;
}

/** 附件3 二: the aspects a case may be recommended under; a collection offers some or all of them. */
export const CASE_CATEGORIES = [
  '体制机制改革创新',
  '人才培养体系',
  '书证融通（岗课赛证融通）',
  '“三教”改革',
  '专业建设（专业内涵建设）',
  '协同育人（政校企育人）',
  '校企合作',
  '学分制改革与学习成果应用',
  '人才队伍建设',
  '服务区域经济发展',
] as const;

/** Review criteria are data: each collection carries its own; these follow 附件3 四–六 and are the default. */
export const caseCriterionSchema = z.object({
  key: z
    .string()
    .regex(/^[a-z][a-z0-9_]{0,31}$/)
    .describe('评分项代码'),
  label: text(50).min(1),
  maxScore: int4(1, 100),
});
export type CaseCriterion = z.infer<typeof caseCriterionSchema>;
export const DEFAULT_CASE_CRITERIA: CaseCriterion[] = [
  { key: 'typicality', label: '引领性与典型性（附件3 六）', maxScore: 30 },
  { key: 'measures', label: '做法凝练、逻辑机制清楚（附件3 六）', maxScore: 30 },
  { key: 'outcomes', label: '成效与可推广性（附件3 三、六）', maxScore: 25 },
  { key: 'presentation', label: '标题亮点与图文并茂（附件3 四、五）', maxScore: 15 },
];

export const CASE_COLLECTION_STATUSES = ['open', 'published'] as const;
export type CaseCollectionStatus = (typeof CASE_COLLECTION_STATUSES)[number];
export const CASE_STATUSES = ['draft', 'submitted', 'reviewed', 'selected', 'not_selected'] as const;
export type CaseStatus = (typeof CASE_STATUSES)[number];
export const CASE_STATUS_LABELS: Record<CaseStatus, { zh: string; en: string }> = {
  draft: { zh: '草稿', en: 'Draft' },
  submitted: { zh: '已报送', en: 'Submitted' },
  reviewed: { zh: '已评分', en: 'Scored' },
  selected: { zh: '入选', en: 'Selected' },
  not_selected: { zh: '未入选', en: 'Not selected' },
};

export const caseCollectionInputSchema = z.object({
  title: text(100).min(1),
  year: int4(2019, 2100),
  deadline: calendarDate,
  categories: z.array(z.enum(CASE_CATEGORIES)).min(1).max(CASE_CATEGORIES.length),
  criteria: z.array(caseCriterionSchema).min(1).max(10).optional(),
  description: text(2000).optional(),
});
export type CaseCollectionInput = z.infer<typeof caseCollectionInputSchema>;

export const caseCollectionSchema = z.object({
  id: z.string().uuid(),
  provinceCode: z.string(),
  provinceName: z.string(),
  title: z.string(),
  year: z.number().int(),
  deadline: z.string(),
  categories: z.array(z.string()),
  criteria: z.array(caseCriterionSchema),
  description: z.string().nullable(),
  status: z.enum(CASE_COLLECTION_STATUSES),
  open: z.boolean().describe('截止日期前（含当日，北京时间）可报送'),
  publishedAt: z.string().nullable(),
  caseCount: z.number().int(),
  selectedCount: z.number().int(),
});
export type CaseCollectionDto = z.infer<typeof caseCollectionSchema>;
export const caseCollectionQuerySchema = pageQuerySchema.extend({
  status: z.enum(CASE_COLLECTION_STATUSES).optional(),
  year: z.coerce.number().int().min(2019).max(2100).optional(),
});
export const caseCollectionPageSchema = pageOf(caseCollectionSchema);

/** The case text: the title and the three sections of 附件3 三; a draft may leave sections empty. */
export const typicalCaseInputSchema = z.object({
  collectionId: z.string().uuid(),
  title: text(100).min(1),
  category: z.enum(CASE_CATEGORIES),
  background: text(),
  measures: text(),
  outcomes: text(),
});
export type TypicalCaseInput = z.infer<typeof typicalCaseInputSchema>;
export const typicalCaseUpdateSchema = typicalCaseInputSchema.omit({ collectionId: true });

export const caseFileSchema = z.object({ fileId: z.string().uuid(), name: z.string(), caption: z.string().nullable().optional() });
export const typicalCaseSchema = z.object({
  id: z.string().uuid(),
  collectionId: z.string().uuid(),
  collectionTitle: z.string(),
  deadline: z.string(),
  schoolId: z.string().uuid(),
  schoolName: z.string(),
  provinceCode: z.string(),
  cityCode: z.string(),
  title: z.string(),
  category: z.string(),
  charCount: z.number().int().describe('按附件3 一计算的字数（见 caseCharCount）'),
  imageCount: z.number().int(),
  hasPdf: z.boolean(),
  hasWord: z.boolean(),
  status: z.enum(CASE_STATUSES),
  totalScore: z.number().nullable(),
  submittedAt: z.string().nullable(),
});
export type TypicalCaseDto = z.infer<typeof typicalCaseSchema>;
export const typicalCaseDetailSchema = typicalCaseSchema.extend({
  background: z.string(),
  measures: z.string(),
  outcomes: z.string(),
  images: z.array(caseFileSchema),
  pdf: caseFileSchema.nullable(),
  word: caseFileSchema.nullable(),
  scores: z.record(z.string(), z.number()).nullable(),
  reviewComment: z.string().nullable(),
  criteria: z.array(caseCriterionSchema),
  /** Rules of 附件3 and 三（三） the case does not meet yet (empty when it can be submitted). */
  problems: z.array(z.object({ code: z.string(), message: z.string() })),
});
export type TypicalCaseDetailDto = z.infer<typeof typicalCaseDetailSchema>;
export const typicalCaseQuerySchema = pageQuerySchema.extend({
  collectionId: z.string().uuid().optional(),
  status: z.enum(CASE_STATUSES).optional(),
  q: text(50).optional(),
});
export const typicalCasePageSchema = pageOf(typicalCaseSchema);

export const caseReviewSchema = z.object({
  scores: z.record(z.string().max(32), z.number().int().min(0).max(100)),
  comment: text(1000).optional(),
});
export const caseSelectSchema = z.object({ selected: z.boolean(), comment: text(1000).optional() });

/** The public collection: the selected cases only, their text and images; no files of the school. */
export const publicCaseSchema = z.object({
  id: z.string().uuid(),
  title: z.string(),
  category: z.string(),
  schoolName: z.string(),
  background: z.string(),
  measures: z.string(),
  outcomes: z.string(),
  images: z.array(caseFileSchema),
});
export type PublicCaseDto = z.infer<typeof publicCaseSchema>;
export const publicCaseCollectionSchema = z.object({
  id: z.string().uuid(),
  title: z.string(),
  year: z.number().int(),
  provinceName: z.string(),
  publishedAt: z.string(),
  cases: z.array(publicCaseSchema),
});
export type PublicCaseCollectionDto = z.infer<typeof publicCaseCollectionSchema>;
export const publicCaseCollectionListSchema = z.object({
  items: z.array(
    z.object({
      id: z.string().uuid(),
      title: z.string(),
      year: z.number().int(),
      provinceName: z.string(),
      publishedAt: z.string(),
      caseCount: z.number().int(),
    }),
  ),
});
