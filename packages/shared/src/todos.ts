import { z } from 'zod';

/**
 * 待办 (issue 21 #1): the kinds of waiting work the home page shows, each the total of the list its link opens (the
 * same scoped query), for the roles that act on it.
 */
export const TODO_KINDS = [
  'filings_municipal_review',
  'filings_provincial_review',
  'expert_scores',
  'consents',
  'exam_site_applications',
  'conversion_applications',
  'results_to_publish',
  'report_duties_due',
  'reports_to_review',
  'rectifications_overdue',
  'complaints_to_handle',
] as const;
export type TodoKind = (typeof TODO_KINDS)[number];

export const TODO_LABELS: Record<TodoKind, { zh: string; en: string }> = {
  filings_municipal_review: { zh: '待初审的备案', en: 'Filings to review (municipal)' },
  filings_provincial_review: { zh: '待审核的备案', en: 'Filings to review' },
  expert_scores: { zh: '待评分的备案', en: 'Filings to score' },
  consents: { zh: '待本人确认的考核报名', en: 'Exam registrations to confirm' },
  exam_site_applications: { zh: '待审批的考核站点申请', en: 'Exam site applications to decide' },
  conversion_applications: { zh: '待审批的学分转换申请', en: 'Conversion applications to decide' },
  results_to_publish: { zh: '待公布成绩的考核场次', en: 'Exam sessions with scores to publish' },
  report_duties_due: { zh: '待报送的材料', en: 'Reports to file' },
  reports_to_review: { zh: '待审阅的报送材料', en: 'Reports to review' },
  rectifications_overdue: { zh: '逾期未完成的整改', en: 'Overdue rectifications' },
  complaints_to_handle: { zh: '待办理的投诉举报', en: 'Complaints to handle' },
};

export const todoSchema = z.object({
  kind: z.enum(TODO_KINDS),
  /** How many wait (0 included: the role has this kind of work, none waits now). */
  count: z.number().int().min(0),
  /** The web page that lists them (a path of the web app), or null when there is no page yet. */
  link: z.string().nullable(),
});
export type TodoDto = z.infer<typeof todoSchema>;

export const myTodosSchema = z.object({ items: z.array(todoSchema) });
export type MyTodosDto = z.infer<typeof myTodosSchema>;
