import { describe, expect, it } from 'vitest';
import { databaseRefusal, isUniqueViolation } from './errors';

describe('issue 20 item 5: database refusals are the client’s input, not a 500', () => {
  it('maps the SQLSTATEs of refused values to registry codes', () => {
    const cases: [string, string][] = [
      ['23505', 'DUPLICATE_RECORD'],
      ['23503', 'REFERENCE_CONFLICT'],
      ['23514', 'VALUE_NOT_ALLOWED'],
      ['22007', 'DATE_INVALID'],
      ['22008', 'DATE_INVALID'],
      ['22003', 'NUMBER_OUT_OF_RANGE'],
      ['22P02', 'VALUE_MALFORMED'],
      ['22001', 'TEXT_TOO_LONG'],
      ['22021', 'TEXT_INVALID_CHARACTERS'],
      ['22P05', 'TEXT_INVALID_CHARACTERS'],
    ];
    for (const [code, expected] of cases) expect(databaseRefusal({ code })).toBe(expected);
  });

  it('a named unique constraint has its own message; other errors stay unmapped', () => {
    expect(databaseRefusal({ code: '23505', constraint: 'filing_rounds_province_code_name_key' })).toBe('FILING_ROUND_NAME_TAKEN');
    expect(isUniqueViolation({ code: '23505' })).toBe(true);
    for (const e of [{ code: '40P01' }, { code: 'ECONNREFUSED' }, new Error('x'), null]) expect(databaseRefusal(e)).toBeUndefined();
  });
});
