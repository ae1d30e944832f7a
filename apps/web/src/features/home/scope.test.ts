import { describe, expect, it } from 'vitest';
import { describeScope } from './scope';

describe('describeScope', () => {
  it('is empty for a nationwide account', () => {
    expect(describeScope({})).toEqual([]);
  });

  it('lists the scope from the broadest part, with names when known', () => {
    const regions = new Map([['440000', '广东省']]);
    expect(describeScope({ provinceCode: '440000', cityCode: '440100', schoolId: 's1' }, { regions })).toEqual([
      { part: 'province', code: '440000', value: '广东省' },
      { part: 'city', code: '440100', value: '440100' },
      { part: 'school', code: 's1', value: 's1' },
    ]);
  });

  it('shows an organization id when its name is unknown', () => {
    expect(describeScope({ orgId: 'o1' })).toEqual([{ part: 'org', code: 'o1', value: 'o1' }]);
  });
});
