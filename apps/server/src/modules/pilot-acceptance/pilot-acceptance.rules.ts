import { PILOT_ACCEPTANCE_TRANSITIONS, type PilotAcceptanceAction, type PilotAcceptanceStatusCode, type Shortfall } from '@onex/shared';

/**
 * Pilot task books and final acceptance (issue 18 item 5), pure: the shortfalls of a pilot against its task book
 * (`001` 第六条(一) 任务书, 第二十条 考核任务, `004` 七 核心课程对接), the acceptance workflow, and when the province
 * must give a comment. A shortfall's basis is the school's own task book (its targets), never another school's rules
 * (R3.11: `001` is in force at 广东生态工程职业学院 only).
 */

export interface TaskBookFacts {
  targets: { trainedTeachers: number; examined: number; courses: number };
  actual: { trainedTeachers: number; examined: number; courses: number };
  milestones: readonly { title: string; dueOn: string; doneOn: string | null }[];
}

export function shortfallsOf(f: TaskBookFacts): Shortfall[] {
  const out: Shortfall[] = [];
  if (f.actual.trainedTeachers < f.targets.trainedTeachers)
    out.push({
      code: 'trained_teachers',
      label: `培训鉴定师资 ${f.actual.trainedTeachers} 人，未达任务书目标 ${f.targets.trainedTeachers} 人`,
      target: f.targets.trainedTeachers,
      actual: f.actual.trainedTeachers,
      basis: '任务书（师资培训目标）',
    });
  if (f.actual.examined < f.targets.examined)
    out.push({
      code: 'candidates_examined',
      label: `已参加考核 ${f.actual.examined} 人，未完成考核任务 ${f.targets.examined} 人`,
      target: f.targets.examined,
      actual: f.actual.examined,
      basis: '任务书（考核任务）',
    });
  if (f.actual.courses < f.targets.courses)
    out.push({
      code: 'courses_mapped',
      label: `核心课程与考证模块对接 ${f.actual.courses} 门，未达目标 ${f.targets.courses} 门`,
      target: f.targets.courses,
      actual: f.actual.courses,
      basis: '任务书（核心课程与考证模块对接）',
    });
  for (const m of f.milestones)
    if (!m.doneOn)
      out.push({
        code: 'milestone',
        label: `里程碑未完成：${m.title}（计划 ${m.dueOn}）`,
        target: 1,
        actual: 0,
        basis: '任务书（里程碑）',
      });
  return out;
}

/** Where an action leads from a status, or undefined (409). */
export function acceptanceTransition(
  action: PilotAcceptanceAction,
  from: PilotAcceptanceStatusCode,
): PilotAcceptanceStatusCode | undefined {
  const t = PILOT_ACCEPTANCE_TRANSITIONS[action];
  return t.from.includes(from) ? t.to : undefined;
}

/** Refusing, or accepting despite shortfalls, needs the province's comment. */
export function decisionNeedsComment(decision: 'accept' | 'reject', shortfalls: readonly Shortfall[]): boolean {
  return decision === 'reject' || shortfalls.length > 0;
}

/** The task book can be changed while the pilot is being built (also after a refusal, to remedy). */
export const taskBookEditable = (status: PilotAcceptanceStatusCode) => status === 'in_progress' || status === 'not_accepted';
