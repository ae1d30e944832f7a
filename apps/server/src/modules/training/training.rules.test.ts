import {
  TRAINING_FEE_STANDARD,
  TRAINING_PLAN_TRANSITIONS,
  feeAboveStandard,
  requiredTrained,
  trainingFeeStandardFen,
  trainingPlanTransition,
} from '@onex/shared';
import { describe, expect, it } from 'vitest';
import { coverageOf, planRequired } from './training.rules';

describe('training rules (R9.3)', () => {
  it('鄂教职成办函〔2021〕7号 三.4 a fee above the configured national standard for its days is flagged; at the standard it is not', () => {
    const std = trainingFeeStandardFen(3);
    expect(std).toBe(3 * TRAINING_FEE_STANDARD.perPersonDayFen);
    expect(feeAboveStandard(std, 3)).toBe(false);
    expect(feeAboveStandard(std + 1, 3)).toBe(true);
    expect(feeAboveStandard(0, 1)).toBe(false);
  });

  it('三.4 the training volume is sized by the pilot’s student scale', () => {
    expect(requiredTrained(0)).toEqual({ teachers: 1, assessors: 1 });
    expect(requiredTrained(120)).toEqual({ teachers: 3, assessors: 2 });
    expect(planRequired('teacher', 121)).toBe(4);
    expect(planRequired('assessor', 161)).toBe(3);
  });

  it('三.4 coverage counts trained teachers (records or the pilot’s X certificate) and assessors (records or 考评员 qualification) once each', () => {
    const p = { filingId: 'f1', schoolId: 's1', certificateTypeId: 'c1', studentScale: 80 };
    const trained = [
      { filing_id: 'f1', kind: 'teacher' as const, teacher_name: '张老师' },
      { filing_id: 'f2', kind: 'teacher' as const, teacher_name: '王老师' },
      { filing_id: 'f1', kind: 'assessor' as const, teacher_name: '张老师' },
    ];
    const qualified = [
      { school_id: 's1', certificate_type_id: 'c1', kind: 'x_certificate' as const, teacher_name: '张老师' },
      { school_id: 's1', certificate_type_id: 'c2', kind: 'x_certificate' as const, teacher_name: '李老师' },
    ];
    expect(coverageOf(p, trained, qualified)).toEqual({
      requiredTeachers: 2,
      trainedTeachers: 1,
      requiredAssessors: 1,
      qualifiedAssessors: 1,
      short: true,
    });
    const more = [...qualified, { school_id: 's1', certificate_type_id: 'c1', kind: 'x_certificate' as const, teacher_name: '赵老师' }];
    expect(coverageOf(p, trained, more).short).toBe(false);
  });

  it('粤生态职院〔2023〕18号 第六条（四） the plan goes to the department, then 教务部; only the department administrator takes the first step', () => {
    expect(trainingPlanTransition('department_approve', 'submitted')?.roles).toEqual(['department_admin']);
    expect(trainingPlanTransition('academic_approve', 'submitted')).toBeUndefined();
    expect(trainingPlanTransition('academic_approve', 'department_approved')?.roles).toEqual(['school_admin']);
    expect(TRAINING_PLAN_TRANSITIONS.find((t) => t.action === 'return')?.commentRequired).toBe(true);
  });
});
