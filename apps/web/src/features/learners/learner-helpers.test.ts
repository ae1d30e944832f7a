import { describe, expect, it } from 'vitest';
import { activationSlipsText, idNumberMessage, last6 } from './learner-helpers';

describe('idNumberMessage', () => {
  it('is silent while empty or valid', () => {
    expect(idNumberMessage('id_card', '', 'zh-CN')).toBeNull();
    expect(idNumberMessage(undefined, '110105194912310021', 'zh-CN')).toBeNull();
    expect(idNumberMessage('id_card', '11010519491231002X', 'zh-CN')).toBeNull();
    expect(idNumberMessage('passport', 'E12345678', 'zh-CN')).toBeNull();
  });
  it('gives the shared message in Chinese and its English', () => {
    expect(idNumberMessage('id_card', '11010519491231003X', 'zh-CN')).toMatch(/校验码/);
    expect(idNumberMessage('id_card', '11010519491231003X', 'en-US')).toMatch(/check character/);
    expect(idNumberMessage('id_card', '1101051949', 'zh-CN')).toMatch(/18 位/);
    expect(idNumberMessage('id_card', '110105194913310021', 'en-US')).toMatch(/birth date/);
    expect(idNumberMessage('passport', 'E1', 'en-US')).toMatch(/passport/i);
  });
});

describe('slips', () => {
  it('takes the last six, upper-case', () => {
    expect(last6(' 11010519491231002x ')).toBe('31002X');
  });
  it('prints one line per learner', () => {
    const text = activationSlipsText(
      [
        { name: '张三', className: '1班', activationCode: 'AB12-CD34' },
        { name: '李四', activationCode: 'EF56-GH78' },
      ],
      '2026-12-31',
      'zh-CN',
    );
    expect(text.split('\n')).toHaveLength(4);
    expect(text).toContain('张三  1班  激活码 AB12-CD34');
    expect(text).toContain('2026-12-31');
  });
});
