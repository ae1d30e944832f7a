import { policyTextFor } from '@onex/shared';
import type { Kysely } from 'kysely';
import type { DB } from '../schema';

/**
 * Demo data of issue 18 (#0, #3, #4), on top of the demo filings: each submitted demo filing carries its school
 * administrator's authenticity pledge (in the words of the school's own documents: 001 第五条（二） at
 * 广东生态工程职业学院 only) and a planned fee per level within the default caps; 广州城市职业学院 has one document of
 * its own with a rule (the page 政策文件与规则 shows it). Idempotent.
 */
export async function seedDemoPolicies(trx: Kysely<DB>, now: Date): Promise<void> {
  const filings = await trx
    .selectFrom('filings as f')
    .innerJoin('schools as s', 's.id', 'f.school_id')
    .select(['f.id', 'f.levels', 'f.submitted_at', 'f.pledge', 's.id as school_id', 's.name as school_name', 's.province_code'])
    .execute();
  const admins = await trx.selectFrom('users').select(['id', 'display_name', 'school_id']).where('role', '=', 'school_admin').execute();
  for (const f of filings) {
    // 150 元 per level: within every default cap (the lowest, 纸笔, is 200 元).
    const fees = Object.fromEntries(f.levels.map((l) => [l, 15000]));
    const admin = admins.find((a) => a.school_id === f.school_id);
    const set: Record<string, string> = { planned_fees_fen: JSON.stringify(fees) };
    if (f.submitted_at && !f.pledge && admin) {
      const text = policyTextFor('authenticity_pledge', {
        provinceCode: f.province_code,
        schoolId: f.school_id,
        schoolName: f.school_name,
      });
      set.pledge = JSON.stringify({
        userId: admin.id,
        name: admin.display_name,
        role: 'school_admin',
        at: f.submitted_at.toISOString(),
        text: text.zh,
        source: text.source,
      });
    }
    await trx
      .updateTable('filings')
      .set(set)
      .where('id', '=', f.id)
      .where('planned_fees_fen', '=', JSON.stringify({}) as never)
      .execute();
  }
  const gzcp = await trx.selectFrom('schools').select(['id', 'province_code']).where('name', '=', '广州城市职业学院').executeTakeFirst();
  const gzcpAdmin = admins.find((a) => a.school_id === gzcp?.id);
  if (!gzcp || !gzcpAdmin) return;
  const exists = await trx.selectFrom('policy_documents').select('id').where('school_id', '=', gzcp.id).executeTakeFirst();
  if (exists) return;
  const doc = await trx
    .insertInto('policy_documents')
    .values({
      level: 'school',
      province_code: gzcp.province_code,
      school_id: gzcp.id,
      number: '广州城市职业学院1+X证书试点项目管理细则（演示）',
      title: '广州城市职业学院“1+X”证书制度试点项目管理细则（演示）',
      issuer: '广州城市职业学院',
      created_by: gzcpAdmin.id,
      created_at: now,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  await trx
    .insertInto('policy_rules')
    .values({
      document_id: doc.id,
      kind: 'min_candidates',
      clause: '第五条（试点考证人数原则上不低于 20 人）',
      severity: 'warn',
      params: JSON.stringify({ minCandidates: 20 }),
      created_by: gzcpAdmin.id,
      created_at: now,
    })
    .execute();
}
