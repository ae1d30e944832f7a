import { z } from 'zod';
import type { WorkflowTransition } from './catalog';
import { pageQuerySchema, pageOf } from './contracts';
import { CERTIFICATE_LEVELS } from './catalog';
import { calendarDate, fen, hasOneDecimal, int4, text } from './input';

/**
 * Teacher and assessor training (R9.3): training plans per pilot sized by its student scale (鄂教职成办函〔2021〕7号
 * 三.4), the assessor training plan approved by the department and 教务部 (粤生态职院〔2023〕18号 第六条（四）), training
 * records with the fee compared with the national standard (三.4: 不提倡参加明显超过国家培训费标准的师资培训), teachers'
 * own certificates, workload credit, and coverage of each pilot.
 */

export const TRAINING_CLAUSES = {
  sizing: '鄂教职成办函〔2021〕7号 三.4：根据参与试点学生规模确定师资培训体量，制定师资培训计划',
  approval: '粤生态职院〔2023〕18号 第六条（四）：制定考评人员培训计划报二级学院（部）和教务部审核',
  fee: '鄂教职成办函〔2021〕7号 三.4：不提倡参加明显超过国家培训费标准的师资培训',
  workload: '鄂教职成办函〔2021〕7号 三.4：向承担职业技能等级证书考核、教学、培训任务的教师倾斜',
} as const;

/**
 * The configured national training-fee standard: the 综合定额 per person and day of 《中央和国家机关培训费管理办法》
 * (财行〔2016〕540号 第十条; 二类培训 450 元/人·天, which covers 住宿、伙食、场地、资料、交通). The seeds do not state the
 * figure; this one object is where it is set. A record's fee above days × this is flagged, never hidden or refused.
 */
export const TRAINING_FEE_STANDARD = {
  perPersonDayFen: 45_000,
  source: '财行〔2016〕540号 第十条（二类培训综合定额 450 元/人·天）',
} as const;

export function trainingFeeStandardFen(days: number): number {
  return Math.max(1, days) * TRAINING_FEE_STANDARD.perPersonDayFen;
}
/** 三.4 flags, it does not forbid: a fee above the standard for the days is shown with the record. */
export function feeAboveStandard(feeFen: number, days: number): boolean {
  return feeFen > trainingFeeStandardFen(days);
}

/**
 * Sizing by student scale (三.4 names no ratio; these are platform settings): at least one trained teacher per
 * `studentsPerTeacher` participating students and one 考评员 per `studentsPerAssessor`, and at least one of each.
 */
export const TRAINING_SIZING = { studentsPerTeacher: 40, studentsPerAssessor: 80 } as const;
export function requiredTrained(students: number): { teachers: number; assessors: number } {
  return {
    teachers: Math.max(1, Math.ceil(students / TRAINING_SIZING.studentsPerTeacher)),
    assessors: Math.max(1, Math.ceil(students / TRAINING_SIZING.studentsPerAssessor)),
  };
}

export const TRAINING_KINDS = ['teacher', 'assessor'] as const;
export type TrainingKind = (typeof TRAINING_KINDS)[number];
export const TRAINING_KIND_LABELS: Record<TrainingKind, { zh: string; en: string }> = {
  teacher: { zh: '师资培训', en: 'Teacher training' },
  assessor: { zh: '考评人员培训', en: 'Assessor training' },
};

export const TRAINING_PLAN_STATUSES = ['draft', 'submitted', 'department_approved', 'approved', 'returned'] as const;
export type TrainingPlanStatus = (typeof TRAINING_PLAN_STATUSES)[number];
export const TRAINING_PLAN_STATUS_LABELS: Record<TrainingPlanStatus, { zh: string; en: string }> = {
  draft: { zh: '草稿', en: 'Draft' },
  submitted: { zh: '待二级学院审核', en: 'Awaiting the department' },
  department_approved: { zh: '待教务部审核', en: 'Awaiting academic affairs' },
  approved: { zh: '已审核', en: 'Approved' },
  returned: { zh: '已退回', en: 'Returned' },
};
export const TRAINING_PLAN_ACTIONS = ['submit', 'department_approve', 'academic_approve', 'return'] as const;
export type TrainingPlanAction = (typeof TRAINING_PLAN_ACTIONS)[number];

/**
 * 第六条（四）: the project leader (or the school, or the department) drafts; the department administrator approves
 * first (二级学院（部）), the school administrator second (教务部, as for budgets); either may return it with a comment.
 */
export const TRAINING_PLAN_TRANSITIONS: readonly WorkflowTransition<TrainingPlanStatus, TrainingPlanAction>[] = [
  {
    action: 'submit',
    from: ['draft', 'returned'],
    to: 'submitted',
    roles: ['project_leader', 'school_admin', 'department_admin'],
    commentRequired: false,
  },
  { action: 'department_approve', from: ['submitted'], to: 'department_approved', roles: ['department_admin'], commentRequired: false },
  { action: 'academic_approve', from: ['department_approved'], to: 'approved', roles: ['school_admin'], commentRequired: false },
  {
    action: 'return',
    from: ['submitted', 'department_approved'],
    to: 'returned',
    roles: ['department_admin', 'school_admin'],
    commentRequired: true,
  },
];
export function trainingPlanTransition(action: TrainingPlanAction, from: TrainingPlanStatus) {
  return TRAINING_PLAN_TRANSITIONS.find((t) => t.action === action && t.from.includes(from));
}

const oneDecimal = (max: number) => z.number().min(0).max(max).refine(hasOneDecimal, '最多一位小数');

export const trainingPlanInputSchema = z.object({
  filingId: z.string().uuid(),
  year: int4(2019, 2100),
  kind: z.enum(TRAINING_KINDS),
  title: text(100).min(1),
  plannedTrainees: int4(1, 10_000),
  content: text(5000).min(1),
});
export type TrainingPlanInput = z.infer<typeof trainingPlanInputSchema>;
export const trainingPlanEventSchema = z.object({
  action: z.string(),
  fromStatus: z.string(),
  toStatus: z.string(),
  actorName: z.string(),
  comment: z.string().nullable(),
  at: z.string(),
});
export const trainingPlanSchema = z.object({
  id: z.string().uuid(),
  filingId: z.string().uuid(),
  schoolId: z.string().uuid(),
  schoolName: z.string(),
  departmentId: z.string().uuid(),
  certificateTypeName: z.string(),
  year: z.number().int(),
  kind: z.enum(TRAINING_KINDS),
  title: z.string(),
  plannedTrainees: z.number().int(),
  studentScale: z.number().int().describe('试点参与学生规模（备案申报计划的申请培训人数合计）'),
  requiredTrainees: z.number().int().describe('按学生规模所需的受训人数'),
  undersized: z.boolean().describe('计划人数少于按规模所需（三.4），提示而不拒绝'),
  content: z.string(),
  status: z.enum(TRAINING_PLAN_STATUSES),
  events: z.array(trainingPlanEventSchema),
});
export type TrainingPlanDto = z.infer<typeof trainingPlanSchema>;
export const trainingPlanQuerySchema = pageQuerySchema.extend({
  status: z.enum(TRAINING_PLAN_STATUSES).optional(),
  kind: z.enum(TRAINING_KINDS).optional(),
  year: z.coerce.number().int().min(2019).max(2100).optional(),
});
export const trainingPlanPageSchema = pageOf(trainingPlanSchema);
export const trainingPlanActionSchema = z.object({ comment: text(1000).optional() });

export const trainingRecordInputSchema = z.object({
  filingId: z.string().uuid(),
  planId: z.string().uuid().optional(),
  kind: z.enum(TRAINING_KINDS),
  teacherName: text(50).min(1),
  course: text(100).min(1),
  provider: text(100).min(1),
  startDate: calendarDate,
  days: int4(1, 365),
  hours: oneDecimal(2000),
  feeFen: fen(),
  workloadHours: oneDecimal(2000).describe('计入教师工作量的课时（三.4）'),
});
export type TrainingRecordInput = z.infer<typeof trainingRecordInputSchema>;
export const trainingRecordSchema = z.object({
  id: z.string().uuid(),
  filingId: z.string().uuid(),
  planId: z.string().uuid().nullable(),
  schoolId: z.string().uuid(),
  schoolName: z.string(),
  certificateTypeName: z.string(),
  kind: z.enum(TRAINING_KINDS),
  teacherName: z.string(),
  course: z.string(),
  provider: z.string(),
  startDate: z.string(),
  days: z.number().int(),
  hours: z.number(),
  feeFen: z.number().int(),
  standardFen: z.number().int().describe('国家培训费标准 × 天数'),
  feeAboveStandard: z.boolean(),
  workloadHours: z.number(),
});
export type TrainingRecordDto = z.infer<typeof trainingRecordSchema>;
export const trainingRecordQuerySchema = pageQuerySchema.extend({
  kind: z.enum(TRAINING_KINDS).optional(),
  feeAboveStandard: z.enum(['true', 'false']).optional(),
  q: text(50).optional(),
});
export const trainingRecordPageSchema = pageOf(trainingRecordSchema);

export const QUALIFICATION_KINDS = ['x_certificate', 'assessor'] as const;
export type QualificationKind = (typeof QUALIFICATION_KINDS)[number];
export const QUALIFICATION_KIND_LABELS: Record<QualificationKind, { zh: string; en: string }> = {
  x_certificate: { zh: '职业技能等级证书', en: 'X certificate' },
  assessor: { zh: '考评员资格', en: 'Assessor qualification' },
};
export const qualificationSchema = z.object({
  id: z.string().uuid(),
  schoolId: z.string().uuid(),
  schoolName: z.string(),
  teacherName: z.string(),
  kind: z.enum(QUALIFICATION_KINDS),
  certificateTypeId: z.string().uuid(),
  certificateTypeName: z.string(),
  level: z.enum(CERTIFICATE_LEVELS).nullable(),
  number: z.string(),
  issuedOn: z.string(),
  evidenceFileId: z.string().uuid(),
});
export type QualificationDto = z.infer<typeof qualificationSchema>;
export const qualificationQuerySchema = pageQuerySchema.extend({ kind: z.enum(QUALIFICATION_KINDS).optional(), q: text(50).optional() });
export const qualificationPageSchema = pageOf(qualificationSchema);
/** Multipart fields of a qualification (the evidence is the file). */
export const qualificationFieldsSchema = z.object({
  schoolId: z.string().uuid().optional(),
  teacherName: text(50).min(1),
  kind: z.enum(QUALIFICATION_KINDS),
  certificateTypeId: z.string().uuid(),
  level: z.enum(CERTIFICATE_LEVELS).optional(),
  number: text(64).min(1),
  issuedOn: calendarDate,
});

export const coverageRowSchema = z.object({
  filingId: z.string().uuid(),
  schoolId: z.string().uuid(),
  schoolName: z.string(),
  certificateTypeName: z.string(),
  studentScale: z.number().int(),
  requiredTeachers: z.number().int(),
  trainedTeachers: z.number().int(),
  requiredAssessors: z.number().int(),
  qualifiedAssessors: z.number().int(),
  short: z.boolean().describe('受训教师或考评员少于按规模所需'),
});
export type CoverageRowDto = z.infer<typeof coverageRowSchema>;
export const coverageQuerySchema = pageQuerySchema.extend({ shortOnly: z.enum(['true', 'false']).optional() });
export const coveragePageSchema = pageOf(coverageRowSchema);
