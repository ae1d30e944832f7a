import { describe, expect, it } from 'vitest';
import { checkLevel, draftFromLevels, levelsInput } from './levels-editor';

describe('levels editor', () => {
  it('starts from the stored levels, shares as percentages', () => {
    const d = draftFromLevels([
      {
        level: 'intermediate',
        examForms: [
          { form: 'computer', share: 0.4 },
          { form: 'practical_special', share: 0.6 },
        ],
        feeCapFen: 54000,
        passMark: 60,
      },
    ]);
    expect(d.intermediate).toEqual({
      enabled: true,
      passMark: 60,
      rows: [
        { form: 'computer', percent: 40 },
        { form: 'practical_special', percent: 60 },
      ],
    });
    expect(d.junior.enabled).toBe(false);
    expect(checkLevel(d.intermediate)).toEqual({ errors: [], capFen: 54000 });
  });

  it('reports incomplete rows and shares that do not add up', () => {
    const c = checkLevel({ enabled: true, passMark: 60, rows: [{ form: 'paper', percent: 50 }, { percent: 20 }] });
    expect(c.capFen).toBeNull();
    expect(c.errors).toContain('请选择考核方式');
    expect(c.errors.some((e) => e.includes('之和须等于 1'))).toBe(true);
  });

  it('reports duplicate forms', () => {
    const c = checkLevel({
      enabled: true,
      passMark: null,
      rows: [
        { form: 'paper', percent: 50 },
        { form: 'paper', percent: 50 },
      ],
    });
    expect(c.errors.some((e) => e.includes('重复'))).toBe(true);
  });

  it('builds the request of the ticked levels only', () => {
    const d = draftFromLevels([]);
    d.senior = {
      enabled: true,
      passMark: 70,
      rows: [
        { form: 'paper', percent: 40 },
        { form: 'practical_general', percent: 60 },
      ],
    };
    expect(levelsInput(d)).toEqual({
      ok: true,
      levels: [
        {
          level: 'senior',
          passMark: 70,
          examForms: [
            { form: 'paper', share: 0.4 },
            { form: 'practical_general', share: 0.6 },
          ],
        },
      ],
    });
    d.junior = { enabled: true, passMark: 60, rows: [{ form: 'paper', percent: 90 }] };
    const r = levelsInput(d);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(Object.keys(r.problems)).toEqual(['junior']);
  });
});
