import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { protectIdNumber } from '../../lib/personal-id';
import { creditBankIdNumber, createTestLearner, gzcp } from '../../test/credit-bank';
import { type TestApp, createTestApp } from '../../test/test-app';
import { type OutcomeDeposit, accountsForLearners, depositOutcomes, recomputedTotals, reverseOutcome } from './ledger';

let t: TestApp;
let secretKey: Buffer;
beforeAll(async () => {
  secretKey = Buffer.alloc(32, 7);
  t = await createTestApp({ secretKey });
});
afterAll(() => t.close());

const at = new Date('2026-09-01T08:00:00Z');

function deposit(accountId: string, key: string, credits: number, o: Partial<OutcomeDeposit> = {}): OutcomeDeposit {
  return {
    accountId,
    outcomeType: 'course',
    name: `课程 ${key}`,
    level: '85',
    credits,
    hours: 32,
    recordedOn: '2026-07-01',
    source: '广州城市职业学院',
    sourceKind: 'school',
    idempotencyKey: key,
    ...o,
  };
}

async function account(id: string) {
  return t.db.selectFrom('learning_accounts').select(['total_credits', 'outcome_count']).where('id', '=', id).executeTakeFirstOrThrow();
}

async function cacheEqualsLedger(accountId: string) {
  const cached = await account(accountId);
  const recomputed = await recomputedTotals(t.db, accountId);
  expect({ totalCredits: Number(cached.total_credits), outcomeCount: cached.outcome_count }).toEqual(recomputed);
  return recomputed;
}

describe('the credit-bank ledger (R7.1)', () => {
  it('R7.1 one account per person: opening twice returns the same account; a school-opened account is linked to the learner', async () => {
    const { learnerId, accountId } = await createTestLearner(t.db, secretKey, { seq: 501 });
    const again = await accountsForLearners(t.db, [learnerId, learnerId], 'certificate', at, null);
    expect(again.get(learnerId)).toBe(accountId);
    expect(await t.db.selectFrom('learning_accounts').select('id').where('learner_id', '=', learnerId).execute()).toHaveLength(1);

    // A person the school listed before enrolment: the account exists without a learner, then the learner is linked.
    const idNumber = creditBankIdNumber(502);
    const p = protectIdNumber(secretKey, idNumber);
    const school = await gzcp(t.db);
    const pre = await t.db
      .insertInto('learning_accounts')
      .values({
        id_type: 'id_card',
        ...p,
        holder_name: '预开户',
        school_id: school.id,
        province_code: school.province_code,
        opened_via: 'school_import',
        created_at: at,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    const l = await t.db
      .insertInto('learners')
      .values({
        kind: 'pilot_student',
        school_id: school.id,
        province_code: school.province_code,
        city_code: school.city_code,
        name: '预开户',
        id_type: 'id_card',
        ...protectIdNumber(secretKey, idNumber),
        created_at: at,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    const linked = await accountsForLearners(t.db, [l.id], 'learner', at, null);
    expect(linked.get(l.id)).toBe(pre.id);
    const row = await t.db.selectFrom('learning_accounts').select('learner_id').where('id', '=', pre.id).executeTakeFirstOrThrow();
    expect(row.learner_id).toBe(l.id);
  });

  it('R7.1 idempotent deposit: the same source event deposited twice counts once (also twice in one batch)', async () => {
    const { accountId } = await createTestLearner(t.db, secretKey, { seq: 503 });
    expect(await depositOutcomes(t.db, [deposit(accountId, 'test:idem:1', 4)], at, null)).toBe(1);
    expect(await depositOutcomes(t.db, [deposit(accountId, 'test:idem:1', 4)], at, null)).toBe(0);
    expect(await depositOutcomes(t.db, [deposit(accountId, 'test:idem:2', 2.5), deposit(accountId, 'test:idem:2', 2.5)], at, null)).toBe(1);
    expect(await cacheEqualsLedger(accountId)).toEqual({ totalCredits: 6.5, outcomeCount: 2 });
  });

  it('R7.1 bulk deposits into many accounts move every cache exactly by what was written', async () => {
    const a = await createTestLearner(t.db, secretKey, { seq: 504 });
    const b = await createTestLearner(t.db, secretKey, { seq: 505 });
    const batch = [
      deposit(a.accountId, 'test:bulk:a1', 3),
      deposit(a.accountId, 'test:bulk:a2', 1.5, { outcomeType: 'training', hours: null }),
      deposit(b.accountId, 'test:bulk:b1', 2, { outcomeType: 'competition' }),
    ];
    expect(await depositOutcomes(t.db, batch, at, null)).toBe(3);
    expect(await depositOutcomes(t.db, [...batch, deposit(b.accountId, 'test:bulk:b2', 1)], at, null)).toBe(1);
    expect(await cacheEqualsLedger(a.accountId)).toEqual({ totalCredits: 4.5, outcomeCount: 2 });
    expect(await cacheEqualsLedger(b.accountId)).toEqual({ totalCredits: 3, outcomeCount: 2 });
  });

  it('R7.1 reversal: a correction is a new entry that cancels the deposit; once only; never a reversal of a reversal', async () => {
    const { accountId } = await createTestLearner(t.db, secretKey, { seq: 506 });
    await depositOutcomes(t.db, [deposit(accountId, 'test:rev:1', 4), deposit(accountId, 'test:rev:2', 3)], at, null);
    const entry = await t.db
      .selectFrom('learning_outcomes')
      .select('id')
      .where('idempotency_key', '=', 'test:rev:1')
      .executeTakeFirstOrThrow();
    const input = {
      idempotencyKey: `reversal:${entry.id}`,
      reason: '成绩录入错误',
      source: '广州城市职业学院',
      sourceKind: 'school' as const,
      recordedOn: '2026-09-01',
    };
    expect(await reverseOutcome(t.db, entry.id, input, at, null)).toBe(true);
    expect(await reverseOutcome(t.db, entry.id, { ...input, idempotencyKey: 'another' }, at, null)).toBe(false);
    const reversal = await t.db.selectFrom('learning_outcomes').selectAll().where('reverses_id', '=', entry.id).executeTakeFirstOrThrow();
    expect(reversal).toMatchObject({ entry_kind: 'reversal', credits: '-4.0', note: '成绩录入错误' });
    expect(await reverseOutcome(t.db, reversal.id, { ...input, idempotencyKey: 'x' }, at, null)).toBe(false);
    // The original stays in the ledger (append-only).
    expect(await t.db.selectFrom('learning_outcomes').select('id').where('id', '=', entry.id).executeTakeFirst()).toBeDefined();
    expect(await cacheEqualsLedger(accountId)).toEqual({ totalCredits: 3, outcomeCount: 1 });
  });
});
