import { DEMO_PASSWORD, type Role, type SchoolType } from '@onex/shared';
import { seedDemoFunds } from './demo-funds';
import { seedDemoPolicies } from './demo-policies';
import { seedDemoSchoolRegistration } from './demo-school-registration';
import { seedDemoTypicalCases } from './demo-typical-cases';
import { seedDemoPilotsCredit } from './demo-pilots-credit';
import { seedDemoNotices } from './demo-notices';
import type { Kysely } from 'kysely';
import { hashPassword } from '../../auth/password';
import { insertUser } from '../../modules/accounts/accounts.queries';
import { recordAudit } from '../../modules/audit/audit.service';
import type { DB } from '../schema';
import { seedDemoFilings } from './demo-filings';
import { seedDemoFilingExtras } from './demo-filing-extras';
import { seedDemoExams } from './demo-exams';
import { seedDemoCertificates } from './demo-certificates';
import { seedDemoExamsMore } from './demo-exams-more';
import { seedDemoFeePolicy } from './demo-fee-policy';
import { seedDemoCreditBank } from './demo-credit-bank';
import { seedDemoSupervision } from './demo-supervision';
import { seedDemoSocialLearners } from './demo-social-learners';
import { demoDepartments, seedDemoSchoolDetails } from './demo-schools';

export { DEMO_PASSWORD };

/** Demo organizations; the certificate catalog (issue 3) attaches its certificate types to them by code. */
export const DEMO_ORGS = [
  { code: 'ORG-BIM', name: '廊坊市中科建筑产业化创新研究中心' },
  { code: 'ORG-WEB', name: '工业和信息化部教育与考试中心' },
] as const;

export const DEMO_SCHOOLS: { key: string; name: string; type: SchoolType; province: string; city: string; departments: string[] }[] = [
  {
    key: 'gdst',
    name: '广东生态工程职业学院',
    type: 'higher',
    province: '440000',
    city: '440100',
    departments: ['信息工程学院', '建筑工程学院'],
  },
  {
    key: 'gzcp',
    name: '广州城市职业学院',
    type: 'higher',
    province: '440000',
    city: '440100',
    departments: ['信息技术学院', '建筑工程学院'],
  },
  { key: 'zz', name: '广州市轻工职业学校', type: 'secondary', province: '440000', city: '440100', departments: ['信息技术部'] },
  { key: 'whvc', name: '武汉职业技术学院', type: 'higher', province: '420000', city: '420100', departments: ['计算机技术与软件工程学院'] },
];

export interface DemoAccount {
  username: string;
  displayName: string;
  role: Role;
  province?: string;
  city?: string;
  school?: string;
  org?: string;
}

/** The demo accounts of api-v1, all with password Demo@2026. */
export const DEMO_ACCOUNTS: DemoAccount[] = [
  { username: 'national', displayName: '教育部职成司（演示）', role: 'national_admin' },
  { username: 'gd-admin', displayName: '广东省教育厅 1+X 办公室', role: 'province_admin', province: '440000' },
  { username: 'hb-admin', displayName: '湖北省教育厅 1+X 办公室', role: 'province_admin', province: '420000' },
  { username: 'gz-admin', displayName: '广州市教育局', role: 'municipal_admin', province: '440000', city: '440100' },
  { username: 'expert1', displayName: '评审专家（演示）', role: 'expert', province: '440000' },
  { username: 'gdst-admin', displayName: '广东生态工程职业学院教务处', role: 'school_admin', school: 'gdst' },
  { username: 'gzcp-admin', displayName: '广州城市职业学院教务处', role: 'school_admin', school: 'gzcp' },
  { username: 'zz-admin', displayName: '广州市轻工职业学校教务处', role: 'school_admin', school: 'zz' },
  { username: 'org-bim', displayName: 'BIM 证书培训评价组织', role: 'org_admin', org: 'ORG-BIM' },
  { username: 'org-web', displayName: 'Web 前端开发证书培训评价组织', role: 'org_admin', org: 'ORG-WEB' },
  { username: 'learner1', displayName: '李明', role: 'learner' },
];

/**
 * Creates the demo organizations, schools and accounts on a database that has no account yet. Returns whether it did.
 * `secretKey` (config.secretKey) encrypts the demo learners' ID numbers.
 */
export async function seedDemo(db: Kysely<DB>, now: Date, secretKey: Buffer, publicUrl = 'http://localhost:3000'): Promise<boolean> {
  const any = await db.selectFrom('users').select('id').limit(1).executeTakeFirst();
  if (any) return false;
  const hashes = await Promise.all(DEMO_ACCOUNTS.map(() => hashPassword(DEMO_PASSWORD)));
  await db.transaction().execute(async (trx) => {
    const orgIds = new Map<string, string>();
    for (const o of DEMO_ORGS) {
      const r = await trx
        .insertInto('evaluation_orgs')
        .values({ code: o.code, name: o.name })
        .onConflict((c) => c.column('code').doUpdateSet({ name: o.name }))
        .returning('id')
        .executeTakeFirstOrThrow();
      orgIds.set(o.code, r.id);
    }
    const schools = new Map<string, { id: string; province: string; city: string }>();
    for (const s of DEMO_SCHOOLS) {
      const r = await trx
        .insertInto('schools')
        .values({ name: s.name, school_type: s.type, province_code: s.province, city_code: s.city })
        .onConflict((c) => c.column('name').doUpdateSet({ school_type: s.type }))
        .returning('id')
        .executeTakeFirstOrThrow();
      schools.set(s.key, { id: r.id, province: s.province, city: s.city });
      for (const d of new Set([...s.departments, ...demoDepartments(s.key)])) {
        await trx
          .insertInto('departments')
          .values({ school_id: r.id, name: d })
          .onConflict((c) => c.columns(['school_id', 'name']).doNothing())
          .execute();
      }
      // Credit code, flags, majors and three years of figures (R2).
      await seedDemoSchoolDetails(trx, s.key, { id: r.id, province: s.province }, now);
    }
    for (const [i, a] of DEMO_ACCOUNTS.entries()) {
      const school = a.school ? schools.get(a.school) : undefined;
      await insertUser(trx, {
        username: a.username,
        displayName: a.displayName,
        passwordHash: hashes[i]!,
        role: a.role,
        provinceCode: school?.province ?? a.province ?? null,
        cityCode: school?.city ?? a.city ?? null,
        schoolId: school?.id ?? null,
        departmentId: null,
        orgId: a.org ? orgIds.get(a.org)! : null,
        createdAt: now,
        createdBy: null,
      });
    }
    // A filing round of 广东 with filings in every state (R3), once schools and accounts exist.
    await seedDemoFilings(trx, now);
    // After approval: a pending change request and a few notifications (R3.7, R3.11).
    await seedDemoFilingExtras(trx, now);
    // Exams (issue 5): agreement, learners, then sites, sessions, registrations and results.
    const exams = await seedDemoExams(trx, now, secretKey);
    // Certificates (issue 6): issued for the published session, one revoked; learner1 also holds a revoked one.
    await seedDemoCertificates(trx, exams, publicUrl);
    await seedDemoExamsMore(trx, exams); // issue 17: approved scale, score reviews, a terminated agreement
    // Issue 17 items 5–7 in 湖北: its own lower caps, two pilots (002 四.4 warnings overridden), a terminated agreement, a pilot at its scale.
    await seedDemoFeePolicy(trx, exams);
    // Credit bank (issue 7): courses, rules, deposits and learner1's approved conversion.
    await seedDemoCreditBank(trx, now, secretKey);
    // Supervision (issue 13): complaints, the weekly report (one pilot flagged), an inspection, a published draw.
    await seedDemoSupervision(trx, now, secretKey);
    // Special funds (issue 15): a budget through the approval chain, ledger, income, a refusal, an allocation.
    await seedDemoFunds(trx, now);
    await seedDemoPolicies(trx, now); // issue 18: pledges, planned fees, a school's own document
    await seedDemoSocialLearners(trx, now, secretKey, publicUrl); // issue 17 item 1: social learners' channel
    // A school that registered itself and waits for 广东's review (R2.1, 002 四.3).
    await seedDemoSchoolRegistration(trx, now, DEMO_PASSWORD);
    // Typical cases, training, the consultation desk (issue 14 items 3–5).
    await seedDemoTypicalCases(trx, now);
    // Issue 18: the pilot's task book and learner1's own outcome waiting for the school.
    await seedDemoPilotsCredit(trx, now);
    await seedDemoNotices(trx, now); // Notices (issue 14): a national policy, 广东's notice forwarded with some unread
    await recordAudit(trx, { actor: null, requestId: 'system', clientIp: null }, now, {
      action: 'system.demo_seed',
      targetType: 'system',
      summary: {
        accounts: DEMO_ACCOUNTS.map((a) => a.username),
        schools: DEMO_SCHOOLS.map((s) => s.name),
        orgs: DEMO_ORGS.map((o) => o.name),
      },
    });
  });
  return true;
}
