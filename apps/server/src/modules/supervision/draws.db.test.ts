import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { demoIds } from '../../test/factories';
import { type Agent, type TestApp, createTestApp } from '../../test/test-app';
import { drawIds } from './draws.rules';

let t: TestApp;
let gd: Agent;
let gzcpId: string;
beforeAll(async () => {
  t = await createTestApp();
  gd = await t.loginAs('gd-admin');
  gzcpId = (await demoIds(t.db)).gzcp;
  for (const [name, schoolId] of [
    ['广州城市职业学院 陈老师', gzcpId],
    ['省督导 林老师', undefined],
    ['省督导 黄老师', undefined],
    ['省督导 何老师', undefined],
  ] as const)
    expect((await gd.post('/api/v1/inspectors', { name, ...(schoolId ? { schoolId } : {}) })).statusCode).toBe(201);
});
afterAll(() => t.close());

describe('R8.4 双随机一公开', () => {
  it('draws from the province’s pilots with a recorded seed, excludes linked inspectors, and re-runs to the same result', async () => {
    const r = await gd.post('/api/v1/inspection-draws', {
      title: '2026 年第一批 1+X 试点随机抽查',
      poolKind: 'school',
      sampleSize: 1,
      inspectorCount: 3,
    });
    expect(r.statusCode, r.body).toBe(201);
    const d = r.json();
    expect(d.selected).toEqual([{ id: gzcpId, name: '广州城市职业学院' }]);
    expect(d.inspectors.map((i: { name: string }) => i.name)).not.toContain('广州城市职业学院 陈老师');
    expect(d.inspectors).toHaveLength(3);
    const linked = await t.db.selectFrom('inspectors').select('id').where('school_id', '=', gzcpId).execute();
    expect(linked.length).toBeGreaterThan(0);
    for (const l of linked) expect(d.inspectorPoolIds).not.toContain(l.id);
    // Who was left out and why: the linked inspectors, each with the drawn school it belongs to (recorded at the draw).
    const linkedNames = await t.db.selectFrom('inspectors').select(['id', 'name']).where('school_id', '=', gzcpId).orderBy('id').execute();
    expect(d.excludedInspectors).toEqual(linkedNames.map((l) => ({ ...l, linkedTo: { id: gzcpId, name: '广州城市职业学院' } })));
    expect(d.inspectors.every((i: { id: string }) => d.inspectorPoolIds.includes(i.id))).toBe(true);
    expect((await gd.get('/api/v1/inspection-draws')).json().items.find((x: { id: string }) => x.id === d.id).excludedInspectors).toEqual(
      d.excludedInspectors,
    );
    // Anyone re-runs it from the seed and the published candidate lists.
    expect(drawIds(d.seed, 'targets', d.pool.candidateIds, 1)).toEqual([gzcpId]);
    const row = await t.db.selectFrom('inspection_draws').select('inspectors').where('id', '=', d.id).executeTakeFirstOrThrow();
    expect(drawIds(d.seed, 'inspectors', d.inspectorPoolIds, 3)).toEqual(row.inspectors.map((i) => i.id));

    const pub = async () => (await t.app.inject({ method: 'GET', url: '/api/v1/public/inspection-draws?pageSize=200' })).json();
    const mine = async () => (await pub()).items.filter((i: { id: string }) => i.id === d.id);
    expect(await mine()).toEqual([]);
    expect((await (await t.loginAs('hb-admin')).post(`/api/v1/inspection-draws/${d.id}/publish`, {})).statusCode).toBe(404);
    expect((await (await t.loginAs('gzcp-admin')).get('/api/v1/inspection-draws')).statusCode).toBe(403);
    expect((await gd.post(`/api/v1/inspection-draws/${d.id}/publish`, { result: '抽查合格' })).statusCode).toBe(200);
    const listed = await mine();
    expect(listed).toHaveLength(1);
    expect(listed[0]).toMatchObject({
      id: d.id,
      title: '2026 年第一批 1+X 试点随机抽查',
      seed: d.seed,
      algorithm: expect.stringContaining('HMAC-SHA256 Fisher–Yates'),
      pool: { kind: 'school', size: 1 },
      selected: [{ id: gzcpId, name: '广州城市职业学院' }],
      result: '抽查合格',
    });
    expect(Object.keys(listed[0].inspectors[0])).toEqual(['name']);
    // api-v1 fields, plus only the documented extension pool.candidateIds; nothing of the signed-in view leaks.
    expect(Object.keys(listed[0]).sort()).toEqual([
      'algorithm',
      'drawnAt',
      'id',
      'inspectors',
      'pool',
      'result',
      'seed',
      'selected',
      'title',
    ]);
    expect(Object.keys(listed[0].pool).sort()).toEqual(['candidateIds', 'kind', 'size']);
    const doc = (await t.app.inject({ method: 'GET', url: '/api/openapi.json' })).json();
    expect(JSON.stringify(doc.paths['/api/v1/public/inspection-draws'])).toContain('扩展字段（api-v1 之外）');
    // R10.2 the public list and the drawers' list export with Chinese headers only.
    for (const [a, url] of [
      [null, '/api/v1/public/inspection-draws?format=xlsx'],
      [gd, '/api/v1/inspection-draws?format=xlsx'],
    ] as const) {
      const x = a ? await a.get(url) : await t.app.inject({ method: 'GET', url });
      expect(x.statusCode).toBe(200);
      const wb = new ExcelJS.Workbook();
      await wb.xlsx.load(x.rawPayload as unknown as ArrayBuffer);
      const headers = (wb.worksheets[0]!.getRow(1).values as unknown[]).filter(Boolean).map(String);
      expect(headers).toContain('随机种子');
      for (const h of headers) expect(h, url).toMatch(/[\u4e00-\u9fa5]/);
    }
    const audit = await t.db.selectFrom('audit_log').select('action').where('target_id', '=', d.id).orderBy('id').execute();
    expect(audit.map((a) => a.action)).toEqual(['inspection_draw.create', 'inspection_draw.publish']);
  });
});
