import { creditCodeCheckChar } from '@onex/shared';
import { describe, expect, it } from 'vitest';
import { creditCodeHelp, fieldPath, formatRatio } from './school-form';

describe('creditCodeHelp', () => {
  const first17 = '12440100456377527';
  const valid = `${first17}${creditCodeCheckChar(first17)}`;
  it('is quiet while empty and clear when valid', () => {
    expect(creditCodeHelp('')).toBe('');
    expect(creditCodeHelp(valid)).toBeNull();
    expect(creditCodeHelp(valid.toLowerCase())).toBeNull();
  });
  it('counts missing characters', () => {
    expect(creditCodeHelp('1244')).toContain('还需 14 位');
  });
  it('names a wrong check character', () => {
    const wrong = `${first17}${valid.endsWith('0') ? '1' : '0'}`;
    expect(creditCodeHelp(wrong)).toContain('校验位错误');
  });
  it('names forbidden characters', () => {
    expect(creditCodeHelp('12440100456377527I')).toContain('只能包含');
  });
});

describe('fieldPath', () => {
  it('drops the body prefix and keeps list indexes', () => {
    expect(fieldPath('body.trainingRooms.0.name')).toEqual(['trainingRooms', 0, 'name']);
    expect(fieldPath('enrolledStudents')).toEqual(['enrolledStudents']);
  });
});

describe('formatRatio', () => {
  it('shows one decimal', () => {
    expect(formatRatio(0.6470588)).toBe('64.7%');
    expect(formatRatio(null)).toBe('—');
  });
});
