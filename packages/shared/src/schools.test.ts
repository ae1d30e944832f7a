import { describe, expect, it } from 'vitest';
import { creditCodeCheckChar, createSchoolSchema, majorFiguresInputSchema, teacherCountProblems, validateCreditCode } from './schools';

describe('R2.1 统一社会信用代码 check character (GB 32100-2015)', () => {
  it('R2.1 accepts the standard’s example and other well-formed codes', () => {
    expect(validateCreditCode('91350100M000100Y43')).toEqual({ ok: true });
    expect(validateCreditCode('91110000600037341L')).toEqual({ ok: true });
    // Public institutions (事业单位, 12…) as the demo schools carry them.
    expect(validateCreditCode('124400004558591616')).toEqual({ ok: true });
    expect(validateCreditCode('12440100456377527T')).toEqual({ ok: true });
  });

  it('R2.1 computes the check character, mapping 31 to 0', () => {
    expect(creditCodeCheckChar('91350100M000100Y4')).toBe('3');
    expect(creditCodeCheckChar('12420000441679231')).toBe('0');
    expect(creditCodeCheckChar('1244000045585916')).toBeNull();
    expect(creditCodeCheckChar('1244000045585916I')).toBeNull();
  });

  it('R2.1 catches a typo: one changed character, two swapped characters', () => {
    const typo = validateCreditCode('124400004558591716');
    expect(typo).toMatchObject({ ok: false, problem: 'check' });
    expect(!typo.ok && typo.message).toContain('校验位');
    expect(validateCreditCode('124400004558951616')).toMatchObject({ ok: false, problem: 'check' });
  });

  it('R2.1 refuses the wrong length and letters outside the set (I, O, S, V, Z, lower case)', () => {
    expect(validateCreditCode('12440000455859161')).toMatchObject({ ok: false, problem: 'length' });
    expect(validateCreditCode('91350100M000100O43')).toMatchObject({ ok: false, problem: 'charset' });
    expect(validateCreditCode('91350100m000100y43')).toMatchObject({ ok: false, problem: 'charset' });
  });

  it('R2.1 the request schema upper-cases and reports the problem in Chinese', () => {
    const base = { name: '测试学院', schoolType: 'higher', cityCode: '440100' };
    expect(createSchoolSchema.parse({ ...base, creditCode: ' 91350100m000100y43 ' }).creditCode).toBe('91350100M000100Y43');
    const bad = createSchoolSchema.safeParse({ ...base, creditCode: '91350100M000100Y44' });
    expect(bad.success).toBe(false);
    expect(bad.error?.issues[0]).toMatchObject({ path: ['creditCode'], message: expect.stringContaining('校验位') });
  });
});

describe('R2.2 major figures', () => {
  const f = {
    enrolledStudents: 100,
    fullTimeTeachers: 10,
    partTimeTeachers: 2,
    seniorTitleTeachers: 3,
    dualQualifiedTeachers: 6,
    industryExpertTeachers: 2,
    nationalInnovationTeam: false,
    lastYearUsage: 800,
  };
  it('R2.2 双师型 may not exceed 专任; the problem names its field', () => {
    expect(teacherCountProblems({ ...f, dualQualifiedTeachers: 11 })).toEqual([
      { field: 'dualQualifiedTeachers', message: '双师型教师数不能大于专任教师数' },
    ]);
    expect(majorFiguresInputSchema.safeParse({ ...f, dualQualifiedTeachers: 11 }).error?.issues[0]?.path).toEqual([
      'dualQualifiedTeachers',
    ]);
  });
  it('R2.2 at most three off-campus bases; counts are non-negative integers', () => {
    const bases = [1, 2, 3, 4].map((i) => ({ name: `基地${i}` }));
    expect(majorFiguresInputSchema.safeParse({ ...f, offCampusBases: bases }).error?.issues[0]?.message).toContain('最多');
    expect(majorFiguresInputSchema.safeParse({ ...f, enrolledStudents: -1 }).success).toBe(false);
    expect(majorFiguresInputSchema.safeParse({ ...f, enrolledStudents: 1.5 }).success).toBe(false);
    expect(majorFiguresInputSchema.parse(f)).toMatchObject({ trainingRooms: [], offCampusBases: [] });
  });
});
