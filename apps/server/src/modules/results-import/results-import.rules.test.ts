import { idCardCheckChar } from '@onex/shared';
import { describe, expect, it, vi } from 'vitest';
import { type RawResultRow, headerIndex, readResultsFile } from './results-import.parse';
import { assertMissingConfirmed, checkRow, crossCheckRow, duplicateRowErrors, parseScore } from './results-import.rules';

// Files are read in a worker thread (lib/spreadsheet), started through tsx here: slower than a plain call on a busy machine.
vi.setConfig({ testTimeout: 30_000 });

const id = (seq: number) => {
  const first17 = `44010620040101${String(seq).padStart(3, '0')}`;
  return first17 + idCardCheckChar(first17);
};
const raw = (o: Partial<RawResultRow> = {}): RawResultRow => ({
  row: 2,
  idTypeLabel: '居民身份证',
  idNumber: id(1),
  idNumberNumeric: false,
  name: '张三',
  score: '75',
  result: '合格',
  ...o,
});
const ok = (r: RawResultRow) => {
  const c = checkRow(r);
  if (!('ok' in c)) throw new Error(JSON.stringify(c.errors));
  return c.ok;
};
const codes = (r: RawResultRow) => {
  const c = checkRow(r);
  return 'errors' in c ? c.errors.map((e) => `${e.column}:${e.code}`) : [];
};

describe('R5.5 results rows (pure)', () => {
  it('总成绩: 0–100 with at most one decimal, in tenths', () => {
    expect(parseScore('0')).toEqual({ tenths: 0 });
    expect(parseScore('100')).toEqual({ tenths: 1000 });
    expect(parseScore('59.5')).toEqual({ tenths: 595 });
    expect(parseScore('60.')).toEqual({ tenths: 600 });
    expect(parseScore('100.1')).toMatchObject({ code: 'OUT_OF_RANGE' });
    expect(parseScore('-1')).toMatchObject({ code: 'OUT_OF_RANGE' });
    expect(parseScore('59.55')).toMatchObject({ code: 'INVALID_SCORE' });
    expect(parseScore('abc')).toMatchObject({ code: 'INVALID_SCORE' });
    expect(parseScore('')).toMatchObject({ code: 'REQUIRED' });
  });

  it('checks each column and reports all problems of a row', () => {
    expect(ok(raw())).toEqual({ row: 2, idType: 'id_card', idNumber: id(1), name: '张三', scoreTenths: 750, passed: true });
    expect(ok(raw({ idTypeLabel: '护照', idNumber: 'e1234567' })).idNumber).toBe('E1234567');
    expect(codes(raw({ idTypeLabel: '学生证' }))).toEqual(['证件类型:INVALID_ID_TYPE']);
    expect(codes(raw({ idNumber: id(1).slice(0, 17) + 'Y' }))).toEqual(['证件号码:INVALID_ID_NUMBER']);
    expect(codes(raw({ idNumber: '4.40106200401012e+17', idNumberNumeric: true }))).toEqual(['证件号码:INVALID_ID_NUMBER']);
    expect(codes(raw({ name: ' ', score: '', result: '通过' }))).toEqual(['姓名:REQUIRED', '总成绩:REQUIRED', '考核结果:INVALID_RESULT']);
  });

  it('matches the registration, the name and the pass mark (score ≥ pass mark ⇔ 合格)', () => {
    const cand = { registrationId: 'r1', status: 'registered', name: '张三', hasResult: false };
    expect(crossCheckRow(ok(raw()), cand, 600)).toEqual([]);
    expect(crossCheckRow(ok(raw()), undefined, 600)[0]).toMatchObject({ column: '证件号码', code: 'NOT_REGISTERED' });
    expect(crossCheckRow(ok(raw()), { ...cand, status: 'withdrawn' }, 600)[0]).toMatchObject({ code: 'NOT_REGISTERED' });
    expect(crossCheckRow(ok(raw({ name: '张叁' })), cand, 600)[0]).toMatchObject({ column: '姓名', code: 'NAME_MISMATCH' });
    expect(crossCheckRow(ok(raw({ score: '59.9' })), cand, 600)[0]).toMatchObject({ column: '考核结果', code: 'RESULT_INCONSISTENT' });
    expect(crossCheckRow(ok(raw({ score: '60', result: '不合格' })), cand, 600)[0]).toMatchObject({ code: 'RESULT_INCONSISTENT' });
    expect(crossCheckRow(ok(raw({ score: '60', result: '合格' })), cand, 600)).toEqual([]);
    expect(crossCheckRow(ok(raw({ score: '10', result: '合格' })), cand, null)).toEqual([]); // no pass mark: not checked
  });

  it('one row per candidate', () => {
    const rows = [ok(raw({ row: 2 })), ok(raw({ row: 3, idNumber: id(2) })), ok(raw({ row: 4, idNumber: ` ${id(1).toLowerCase()}` }))];
    expect(duplicateRowErrors(rows)).toEqual([
      { row: 4, column: '证件号码', code: 'DUPLICATE_ROW', message: expect.stringContaining('第 2 行') },
    ]);
  });
});

describe('R5.5 results files (pure)', () => {
  it('the header names exactly the five columns, in any order', () => {
    expect(headerIndex(['姓名', '证件类型', '证件号码', '总成绩', '考核结果'])).toEqual({
      index: { 证件类型: 1, 证件号码: 2, 姓名: 0, 总成绩: 3, 考核结果: 4 },
    });
    const bad = headerIndex(['证件类型', '证件号码', '姓名', '总成绩', '备注']);
    expect('errors' in bad && bad.errors.map((e) => `${e.column}:${e.code}`)).toEqual(['备注:UNKNOWN_COLUMN', '考核结果:MISSING_COLUMN']);
  });

  it('reads CSV with a BOM and quoted fields, with the lines as row numbers', async () => {
    const csv = '\uFEFF证件类型,证件号码,姓名,总成绩,考核结果\r\n居民身份证,"X1",张三,80,合格\r\n\r\n护照,E1,"李,四",59,不合格\r\n';
    const p = await readResultsFile(Buffer.from(csv));
    expect(p.errors).toEqual([]);
    expect(p.rows.map((r) => [r.row, r.name])).toEqual([
      [2, '张三'],
      [4, '李,四'],
    ]);
  });

  it('an empty file is an error', async () => {
    expect((await readResultsFile(Buffer.from('证件类型,证件号码,姓名,总成绩,考核结果\n'))).errors[0]).toMatchObject({ code: 'EMPTY' });
  });
});

describe('R5.5 large .xlsx files with Chinese text (pure)', () => {
  it('keeps every multi-byte character whole across the reader’s chunks (shared and inline strings)', async () => {
    const ExcelJS = (await import('exceljs')).default;
    const names = Array.from({ length: 4000 }, (_, i) => `欧阳${'伟芳娜敏静丽强磊军洋'[i % 10]}${'子涵宇轩欣怡'[i % 6]}`);
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('成绩');
    ws.addRow(['证件类型', '证件号码', '姓名', '总成绩', '考核结果']);
    names.forEach((n, i) => ws.addRow(['居民身份证', id(i % 1000), n, 70, i % 2 ? '合格' : '不合格']));
    const shared = Buffer.from(await wb.xlsx.writeBuffer());

    // inline strings, as streaming writers (and many exporting systems) write them
    const { PassThrough } = await import('node:stream');
    const chunks: Buffer[] = [];
    const sink = new PassThrough();
    sink.on('data', (c: Buffer) => chunks.push(c));
    const ended = new Promise((r) => sink.on('end', r));
    const sw = new ExcelJS.stream.xlsx.WorkbookWriter({ stream: sink, useSharedStrings: false });
    const sws = sw.addWorksheet('成绩');
    sws.addRow(['证件类型', '证件号码', '姓名', '总成绩', '考核结果']).commit();
    names.forEach((n, i) => sws.addRow(['居民身份证', id(i % 1000), n, 70, i % 2 ? '合格' : '不合格']).commit());
    sws.commit();
    await sw.commit();
    await ended;

    for (const bytes of [shared, Buffer.concat(chunks)]) {
      const p = await readResultsFile(bytes);
      expect(p.errors).toEqual([]);
      expect(p.rows.map((r) => r.name)).toEqual(names);
      expect(p.rows.every((r) => r.idTypeLabel === '居民身份证' && (r.result === '合格' || r.result === '不合格'))).toBe(true);
    }
  });
});

describe('issue 21 item 2: 成绩公示 confirms the candidates without a score', () => {
  it('R5.5 nothing missing: nothing to confirm (api-v1 clients send no body)', () => {
    expect(() => assertMissingConfirmed(0, undefined)).not.toThrow();
    expect(() => assertMissingConfirmed(0, 0)).not.toThrow();
  });
  it('R5.5 some missing: only their exact number passes, otherwise a Chinese message naming it', () => {
    expect(() => assertMissingConfirmed(3, 3)).not.toThrow();
    for (const confirmed of [undefined, 0, 2, 4]) expect(() => assertMissingConfirmed(3, confirmed)).toThrow(/有 3 名考生尚无成绩/);
  });
});
