import { LEARNING_ACCOUNT_FORMAT, maskIdNumber } from '@onex/shared';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestLearner } from '../../test/credit-bank';
import { type Agent, type TestApp, createTestApp } from '../../test/test-app';
import { recomputedTotals } from '../learning-accounts/ledger';

/**
 * Review of issue 18 item 8 (the learning-account hand-off format): an imported document's outcomes are checked like
 * the school's own deposits before anything is written — no negative or oversized credits, no text beyond what a
 * deposit takes, real dates — so a document cannot take credits out of a person's account or store huge strings.
 */

let t: TestApp;
let school: Agent;
const secretKey = Buffer.alloc(32, 12);
beforeAll(async () => {
  t = await createTestApp({ secretKey });
  school = await t.loginAs('gzcp-admin');
}, 300_000);
afterAll(() => t.close());

function document(holder: { name: string; idNumber: string }, outcome: Record<string, unknown>) {
  return {
    format: LEARNING_ACCOUNT_FORMAT,
    exportedAt: '2026-06-01T00:00:00.000Z',
    issuer: { name: '另一学分银行', url: 'https://bank-x.example' },
    holder: { name: holder.name, idMasked: maskIdNumber(holder.idNumber), idType: 'id_card' },
    summary: { totalCredits: 0, outcomeCount: 1 },
    outcomes: [
      {
        id: 'x-1',
        origin: { issuer: 'https://bank-x.example', id: `x-${Math.random().toString(36).slice(2)}` },
        type: 'course',
        name: '外校课程',
        level: null,
        credits: 2,
        hours: 32,
        recordedOn: '2026-01-10',
        source: '某职业技术学院',
        state: 'valid',
        ...outcome,
      },
    ],
    credentials: [],
  };
}

async function totals(accountId: string) {
  const a = await t.db
    .selectFrom('learning_accounts')
    .select(['total_credits', 'outcome_count'])
    .where('id', '=', accountId)
    .executeTakeFirstOrThrow();
  return { totalCredits: Number(a.total_credits), outcomeCount: a.outcome_count };
}

describe('issue 18 #8 (review): an imported document’s outcomes are checked before anything is written', () => {
  it('negative or oversized credits, huge text and impossible dates are refused with 400; the account is unchanged', async () => {
    const l = await createTestLearner(t.db, secretKey, { seq: 931, name: '导入核对' });
    const ok = await school.post('/api/v1/learning-accounts/import-document', {
      document: document({ name: '导入核对', idNumber: l.idNumber }, { credits: 4 }),
      idType: 'id_card',
      idNumber: l.idNumber,
    });
    expect(ok.statusCode, ok.body).toBe(200);
    const before = await totals(l.accountId);
    expect(before).toMatchObject({ totalCredits: 4, outcomeCount: 1 });

    for (const bad of [
      { credits: -50 },
      { credits: 5000 },
      { credits: 1.25 },
      { hours: -8 },
      { name: '课'.repeat(20_000) },
      { name: '' },
      { source: '源'.repeat(20_000) },
      { level: '级'.repeat(5_000) },
      { recordedOn: '2026-02-30' },
      { recordedOn: 'yesterday' },
    ]) {
      const res = await school.post('/api/v1/learning-accounts/import-document', {
        document: document({ name: '导入核对', idNumber: l.idNumber }, bad),
        idType: 'id_card',
        idNumber: l.idNumber,
      });
      expect(res.statusCode, `${JSON.stringify(bad).slice(0, 60)}: ${res.body.slice(0, 300)}`).toBe(400);
      expect(res.json().error.code).toBe('LEARNING_ACCOUNT_FORMAT_INVALID');
      expect(JSON.stringify(res.json().error.details)).toContain('outcomes.0');
    }
    expect(await totals(l.accountId)).toEqual(before);
    expect(await recomputedTotals(t.db, l.accountId)).toEqual(before);
  });
});
