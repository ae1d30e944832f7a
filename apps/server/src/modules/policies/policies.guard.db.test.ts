import type { EffectivePoliciesDto, PolicyDocumentDto } from '@onex/shared';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Agent, type TestApp, createTestApp } from '../../test/test-app';

/**
 * Review of issue 18 #0 (policies with a jurisdiction): a school's own document adds rules for itself, but cannot
 * relax what the nation or its province makes blocking; a rule's parameters are checked by its kind, so a province
 * cannot store parameters that later break every filing check of its schools.
 */

let t: TestApp;
let gd: Agent, gzcp: Agent;

async function schoolId(name: string) {
  return (await t.db.selectFrom('schools').select('id').where('name', '=', name).executeTakeFirstOrThrow()).id;
}

beforeAll(async () => {
  t = await createTestApp();
  [gd, gzcp] = await Promise.all([t.loginAs('gd-admin'), t.loginAs('gzcp-admin')]);
}, 300_000);
afterAll(async () => t.close());

async function gzcpDocument(): Promise<PolicyDocumentDto> {
  const res = await gzcp.post('/api/v1/policies/documents', {
    number: `穗城职院〔2027〕${Math.floor(Math.random() * 1000)}号`,
    title: '广州城市职业学院试点申报补充规定',
    issuer: '广州城市职业学院',
    jurisdiction: { level: 'school', schoolId: await schoolId('广州城市职业学院') },
  });
  expect(res.statusCode, res.body).toBe(200);
  return res.json<PolicyDocumentDto>();
}

describe('issue 18 #0 (review): a school’s own rule cannot relax a blocking rule of the nation or its province', () => {
  it('round_open, fee_cap and certificate_published stay blocking: a school document turning them into warnings is refused', async () => {
    const doc = await gzcpDocument();
    for (const kind of ['round_open', 'fee_cap', 'certificate_published']) {
      const res = await gzcp.post(`/api/v1/policies/documents/${doc.key}/rules`, { kind, clause: '第一条', severity: 'warn' });
      expect(res.statusCode, `${kind}: ${res.body}`).toBe(400);
      expect(res.json().error.code).toBe('POLICY_RULE_RELAXES');
    }
    const mine = (await gzcp.get('/api/v1/policies/effective')).json<EffectivePoliciesDto>();
    for (const id of ['round_open', 'fee_cap', 'certificate_published'])
      expect(mine.filingRules.find((r) => r.id === id)?.severity, id).toBe('block');
    // Nothing was stored or audited for the refused rules.
    const audit = await t.db.selectFrom('audit_log').select('action').where('target_id', '=', doc.key).execute();
    expect(audit.map((a) => a.action)).toEqual(['policy.document_create']);
  });

  it('a school may still add its own rules, tighten a warning into a block, and cite a blocking rule without changing it', async () => {
    const doc = await gzcpDocument();
    const own = await gzcp.post(`/api/v1/policies/documents/${doc.key}/rules`, {
      kind: 'min_candidates',
      clause: '第二条',
      severity: 'block',
      params: { minCandidates: 40 },
    });
    expect(own.statusCode, own.body).toBe(200);
    const cite = await gzcp.post(`/api/v1/policies/documents/${doc.key}/rules`, {
      kind: 'round_open',
      clause: '第三条',
      severity: 'block',
    });
    expect(cite.statusCode, cite.body).toBe(200);
  });
});

describe('issue 18 #0 (review): rule parameters are checked by kind (no 500 later in the filing checks)', () => {
  it('parameters of the wrong shape are refused with 400 naming the field; the schools’ rule reports keep working', async () => {
    const doc = await gd.post('/api/v1/policies/documents', {
      number: '粤教职函〔2027〕9号',
      title: '测试省级文件',
      issuer: '广东省教育厅',
      jurisdiction: { level: 'province', provinceCode: '440000' },
    });
    expect(doc.statusCode, doc.body).toBe(200);
    const key = doc.json<PolicyDocumentDto>().key;
    const bad = [
      { kind: 'level_for_school_type', params: { allowedLevels: { higher: 5 } } },
      { kind: 'level_for_school_type', params: { allowedLevels: { higher: ['expert'] } } },
      { kind: 'min_candidates', params: { minCandidates: 'thirty' } },
      { kind: 'pass_rate', params: { minPassRate: 90 } },
      { kind: 'one_pilot_per_major', params: { maxPerMajorPerYear: -1 } },
      { kind: 'round_open', params: { anything: { deep: [1, 2, 3] } } },
    ];
    for (const b of bad) {
      const res = await gd.post(`/api/v1/policies/documents/${key}/rules`, { clause: '第一条', ...b });
      expect(res.statusCode, `${JSON.stringify(b)}: ${res.body}`).toBe(400);
      expect(res.json().error.code).toBe('VALIDATION_FAILED');
      expect(JSON.stringify(res.json().error.details)).toContain('params');
    }
    const good = await gd.post(`/api/v1/policies/documents/${key}/rules`, {
      kind: 'level_for_school_type',
      clause: '第二条',
      params: { allowedLevels: { higher: ['junior', 'intermediate'] } },
    });
    expect(good.statusCode, good.body).toBe(200);
    // Every filing of a 广东 school still gets its rule report.
    const filings = await t.db
      .selectFrom('filings')
      .select('id')
      .where('school_id', '=', await schoolId('广州城市职业学院'))
      .execute();
    expect(filings.length).toBeGreaterThan(0);
    for (const f of filings) {
      const r = await gzcp.get(`/api/v1/filings/${f.id}/rule-report`);
      expect(r.statusCode, r.body).toBe(200);
    }
  });
});

describe('issue 18 #0 (review): a document and a rule name what they are', () => {
  it('an empty 文号, title, issuer or clause is refused with 400 naming the field; nothing is stored', async () => {
    const gzcpId = await schoolId('广州城市职业学院');
    const before = await t.db.selectFrom('policy_documents').select('id').execute();
    const doc = {
      number: '穗城职院〔2027〕8号',
      title: '补充规定',
      issuer: '广州城市职业学院',
      jurisdiction: { level: 'school', schoolId: gzcpId },
    };
    for (const field of ['number', 'title', 'issuer'] as const) {
      const res = await gzcp.post('/api/v1/policies/documents', { ...doc, [field]: '   ' });
      expect(res.statusCode, `${field}: ${res.body}`).toBe(400);
      expect(JSON.stringify(res.json().error.details)).toContain(field);
    }
    expect(await t.db.selectFrom('policy_documents').select('id').execute()).toHaveLength(before.length);
    const created = await gzcp.post('/api/v1/policies/documents', doc);
    expect(created.statusCode, created.body).toBe(200);
    const rule = await gzcp.post(`/api/v1/policies/documents/${created.json<PolicyDocumentDto>().key}/rules`, {
      kind: 'min_candidates',
      clause: '',
    });
    expect(rule.statusCode, rule.body).toBe(400);
    expect(JSON.stringify(rule.json().error.details)).toContain('clause');
  });
});
