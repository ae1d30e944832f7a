import type { CourseCategory, DepositableOutcomeType } from '@onex/shared';
import type { Kysely } from 'kysely';
import {
  approveInTransaction,
  contextForLearner,
  recordTransition,
  submitInTransaction,
} from '../../modules/credit-bank/conversions.service';
import * as cb from '../../modules/credit-bank/credit-bank.queries';
import { depositBaseKey } from '../../modules/credit-bank/credit-bank.service';
import { chinaDate as isoDay } from '../../modules/exam-sessions/exam-sessions.service';
import { accountsForLearners, depositOutcomes } from '../../modules/learning-accounts/ledger';
import type { DB } from '../schema';

/**
 * Demo data of the credit bank (issue 7; api-v1 demo data), inside seedDemo's transaction after the certificates:
 * - 广州城市职业学院: its caps (20 % of professional / public course credits; 思想政治理论课 and 体育 excluded), a course
 *   catalog for three majors and published recognition rules for two certificates of its 附表 (`004`): 工业机器人应用编程
 *   (初、中、高级; 1:1 and 1:n) and 传感网应用开发 (中级; 1:1, and n:1 with 云计算平台运维与开发);
 * - every learner of the school has an account; learner1's holds school courses, a training and a competition, and —
 *   when learner1 holds a valid certificate of 工业机器人应用编程 (issued by the certificates demo) — one approved
 *   conversion: the 中级 certificate exempts 工业机器人现场编程 (免修), while the revoked 初级 one is refused with its reason.
 */

type Trx = Kysely<DB>;
const DAY = 24 * 3600_000;

interface DemoCourse {
  code: string;
  name: string;
  category: CourseCategory;
  credits: number;
  hours: number;
  major?: string;
  exemptible?: boolean;
}

/** School-wide courses (null major) and the courses of three programmes. */
const COURSES: DemoCourse[] = [
  { code: 'GG001', name: '思想道德与法治', category: 'ideological', credits: 3, hours: 48 },
  { code: 'GG002', name: '毛泽东思想和中国特色社会主义理论体系概论', category: 'ideological', credits: 2, hours: 32 },
  { code: 'GG003', name: '体育', category: 'physical', credits: 4, hours: 108 },
  { code: 'GG004', name: '大学英语', category: 'public_basic', credits: 6, hours: 96 },
  { code: 'GG005', name: '高等数学', category: 'public_basic', credits: 4, hours: 64 },
  { code: 'GG006', name: '信息技术', category: 'public_basic', credits: 3, hours: 48 },
  { code: 'GG007', name: '大学生职业发展与就业指导', category: 'public_basic', credits: 2, hours: 32 },
  // 560301 机电一体化技术
  { code: 'JD101', name: '机械制图与 CAD', category: 'professional_basic', credits: 4, hours: 64, major: '560301' },
  { code: 'JD102', name: '电工电子技术', category: 'professional_basic', credits: 4, hours: 64, major: '560301' },
  { code: 'JD103', name: '工业机器人技术基础', category: 'professional_basic', credits: 2, hours: 32, major: '560301' },
  { code: 'JD201', name: 'PLC 应用技术', category: 'professional_core', credits: 4, hours: 64, major: '560301' },
  { code: 'JD202', name: '液压与气动技术', category: 'professional_core', credits: 3, hours: 48, major: '560301' },
  { code: 'JD203', name: '工业机器人现场编程', category: 'professional_core', credits: 4, hours: 64, major: '560301' },
  { code: 'JD204', name: '工业机器人离线编程与仿真', category: 'professional_core', credits: 3, hours: 48, major: '560301' },
  { code: 'JD301', name: '工业机器人系统集成', category: 'professional_elective', credits: 3, hours: 48, major: '560301' },
  { code: 'JD401', name: '机电设备装调综合实训', category: 'practice', credits: 4, hours: 96, major: '560301' },
  { code: 'JD402', name: '毕业设计', category: 'practice', credits: 6, hours: 144, major: '560301', exemptible: false },
  // 560309 工业机器人技术
  { code: 'JQ101', name: '工业机器人技术基础', category: 'professional_basic', credits: 3, hours: 48, major: '560309' },
  { code: 'JQ201', name: '工业机器人操作与编程', category: 'professional_core', credits: 4, hours: 64, major: '560309' },
  { code: 'JQ202', name: '工业机器人工作站集成', category: 'professional_core', credits: 4, hours: 64, major: '560309' },
  { code: 'JQ401', name: '工业机器人综合实训', category: 'practice', credits: 4, hours: 96, major: '560309' },
  // 610119 物联网应用技术
  { code: 'WL101', name: '电路基础', category: 'professional_basic', credits: 3, hours: 48, major: '610119' },
  { code: 'WL201', name: '传感网应用开发', category: 'professional_core', credits: 4, hours: 64, major: '610119' },
  { code: 'WL202', name: '无线传感网络技术', category: 'professional_core', credits: 3, hours: 48, major: '610119' },
  { code: 'WL203', name: '云平台应用开发', category: 'professional_core', credits: 3, hours: 48, major: '610119' },
  { code: 'WL401', name: '物联网综合项目实训', category: 'practice', credits: 4, hours: 96, major: '610119' },
];

interface DemoRule {
  code: string;
  name: string;
  major: string;
  outcomes: [typeCode: string, level: 'junior' | 'intermediate' | 'senior'][];
  courses: [code: string, credits: number, grade: string][];
  maxOutcomeAgeYears?: number;
}

const BASIS = '广州城市职业学院第二批 1+X 证书制度试点工作方案（附表）；学分认定与转换办法（演示）';
const RULES: DemoRule[] = [
  {
    code: 'GZCP-IRP-01',
    name: '工业机器人应用编程（中级）认定“工业机器人现场编程”',
    major: '560301',
    outcomes: [['IR-PROG', 'intermediate']],
    courses: [['JD203', 4, '优秀']],
    maxOutcomeAgeYears: 3,
  },
  {
    code: 'GZCP-IRP-02',
    name: '工业机器人应用编程（高级）认定离线编程与系统集成',
    major: '560301',
    outcomes: [['IR-PROG', 'senior']],
    courses: [
      ['JD204', 3, '优秀'],
      ['JD301', 3, '良好'],
    ],
    maxOutcomeAgeYears: 3,
  },
  {
    code: 'GZCP-IRP-03',
    name: '工业机器人应用编程（初级）认定“工业机器人技术基础”',
    major: '560301',
    outcomes: [['IR-PROG', 'junior']],
    courses: [['JD103', 2, '90']],
  },
  {
    code: 'GZCP-IRP-11',
    name: '工业机器人应用编程（中级）认定“工业机器人操作与编程”',
    major: '560309',
    outcomes: [['IR-PROG', 'intermediate']],
    courses: [['JQ201', 4, '优秀']],
  },
  {
    code: 'GZCP-SN-01',
    name: '传感网应用开发（中级）认定“传感网应用开发”',
    major: '610119',
    outcomes: [['SENSOR-NET', 'intermediate']],
    courses: [['WL201', 4, '优秀']],
  },
  {
    code: 'GZCP-SN-02',
    name: '传感网应用开发与云计算平台运维与开发（中级）共同认定“物联网综合项目实训”',
    major: '610119',
    outcomes: [
      ['SENSOR-NET', 'intermediate'],
      ['CLOUD-OPS', 'intermediate'],
    ],
    courses: [['WL401', 4, '良好']],
  },
];

export async function seedDemoCreditBank(db: Trx, now: Date, _secretKey: Buffer): Promise<void> {
  const school = await db
    .selectFrom('schools')
    .select(['id', 'name', 'province_code'])
    .where('name', '=', '广州城市职业学院')
    .executeTakeFirst();
  if (!school) return;
  const admin = await db.selectFrom('users').select('id').where('username', '=', 'gzcp-admin').executeTakeFirst();
  const by = admin?.id ?? null;
  const schoolRef = { id: school.id, provinceCode: school.province_code };
  const majors = new Map((await cb.majorsOfSchool(db, school.id)).map((m) => [m.major_code, m.id]));
  const setupAt = new Date(now.getTime() - 400 * DAY);

  // Caps and exclusions.
  if (by)
    await cb.upsertSettings(
      db,
      schoolRef,
      { professionalCapPercent: 20, publicCapPercent: 20, excludedCategories: ['ideological', 'physical'], basis: `${BASIS} 第八条` },
      setupAt,
      by,
    );

  // The course catalog.
  const courseIds = new Map<string, string>();
  for (const c of COURSES) {
    const majorId = c.major ? majors.get(c.major) : null;
    if (c.major && !majorId) continue;
    const id = await cb.insertCourse(
      db,
      schoolRef,
      {
        schoolMajorId: majorId ?? null,
        code: c.code,
        name: c.name,
        category: c.category,
        credits: c.credits,
        hours: c.hours,
        exemptible: c.exemptible ?? true,
      },
      setupAt,
      by,
    );
    courseIds.set(c.code, id);
  }

  // Published recognition rules.
  const outcomes = await db
    .selectFrom('credit_outcomes as co')
    .innerJoin('certificate_types as t', 't.id', 'co.certificate_type_id')
    .select(['co.id', 't.code', 'co.level'])
    .execute();
  const outcomeId = (code: string, level: string) => outcomes.find((o) => o.code === code && o.level === level)?.id;
  for (const r of RULES) {
    const majorId = majors.get(r.major);
    const outcomeIds = r.outcomes.map(([code, level]) => outcomeId(code, level));
    const courses = r.courses.map(([code, credits, grade]) => ({ courseId: courseIds.get(code), credits, grade }));
    if (!by || !majorId || outcomeIds.some((x) => !x) || courses.some((c) => !c.courseId)) continue;
    const id = await cb.insertRule(
      db,
      schoolRef,
      {
        schoolMajorId: majorId,
        code: r.code,
        name: r.name,
        validFrom: isoDay(setupAt),
        validTo: null,
        maxOutcomeAgeYears: r.maxOutcomeAgeYears ?? null,
        basis: BASIS,
        note: null,
        outcomeIds: outcomeIds as string[],
        courses: courses as { courseId: string; credits: number; grade: string }[],
      },
      setupAt,
      by,
    );
    await cb.setRuleStatus(db, id, 'draft', 'published', setupAt, by);
    await cb.insertRuleEvent(db, {
      ruleId: id,
      action: 'publish',
      from: 'draft',
      to: 'published',
      comment: null,
      actorId: by,
      at: setupAt,
    });
  }

  // Every learner of the school has an account.
  const learners = await db
    .selectFrom('learners')
    .select(['id', 'user_id'])
    .where('school_id', '=', school.id)
    .orderBy('created_at')
    .execute();
  const accounts = await accountsForLearners(
    db,
    learners.map((l) => l.id),
    'school',
    setupAt,
    by,
  );
  const learner1User = await db.selectFrom('users').select('id').where('username', '=', 'learner1').executeTakeFirst();
  const learner1 = learners.find((l) => learner1User && l.user_id === learner1User.id);

  // Courses, a training and a competition deposited by the school.
  const term1 = isoDay(new Date(now.getTime() - 560 * DAY));
  const term2 = isoDay(new Date(now.getTime() - 380 * DAY));
  /** A deposit by the school, under the key the school's own deposits use (depositBaseKey). */
  const deposit = (
    accountId: string,
    type: DepositableOutcomeType,
    d: { name: string; level: string; credits: number; hours: number | null; recordedOn: string; courseCode?: string },
  ) => ({
    accountId,
    outcomeType: type,
    name: d.name,
    level: d.level,
    credits: d.credits,
    hours: d.hours,
    recordedOn: d.recordedOn,
    source: school.name,
    sourceKind: 'school' as const,
    idempotencyKey: depositBaseKey(school.id, accountId, { type, courseCode: d.courseCode, name: d.name, recordedOn: d.recordedOn }),
    schoolId: school.id,
    provinceCode: school.province_code,
  });
  const course = (accountId: string, code: string, grade: string, recordedOn: string) => {
    const c = COURSES.find((x) => x.code === code)!;
    return deposit(accountId, 'course', { courseCode: code, name: c.name, level: grade, credits: c.credits, hours: c.hours, recordedOn });
  };
  const deposits = [];
  if (learner1) {
    const a = accounts.get(learner1.id)!;
    deposits.push(
      course(a, 'GG004', '85', term1),
      course(a, 'GG005', '78', term1),
      course(a, 'GG001', '88', term1),
      course(a, 'JD101', '88', term2),
      course(a, 'JD102', '82', term2),
      course(a, 'GG003', '良好', term2),
      deposit(a, 'training', {
        name: '工业机器人应用编程（中级）考前培训',
        level: '合格',
        credits: 1,
        hours: 32,
        recordedOn: isoDay(new Date(now.getTime() - 60 * DAY)),
      }),
      deposit(a, 'competition', {
        name: '广东省职业院校技能大赛“工业机器人技术应用”赛项 三等奖',
        level: '三等奖',
        credits: 2,
        hours: null,
        recordedOn: isoDay(new Date(now.getTime() - 300 * DAY)),
      }),
    );
  }
  for (const l of learners.filter((x) => x.id !== learner1?.id).slice(0, 12)) {
    const a = accounts.get(l.id)!;
    deposits.push(
      course(a, 'GG004', String(70 + (deposits.length % 25)), term1),
      course(a, 'GG005', String(65 + (deposits.length % 30)), term1),
    );
  }
  await depositOutcomes(db, deposits, new Date(now.getTime() - 30 * DAY), by);

  // learner1's approved conversion (only when the certificates demo gave learner1 a valid certificate).
  if (!learner1 || !learner1User || !by) return;
  const valid = await db
    .selectFrom('certificates')
    .select('id')
    .where('learner_id', '=', learner1.id)
    .where('revoked_at', 'is', null)
    .executeTakeFirst();
  if (!valid) return;
  const c = await contextForLearner(db, learner1.id);
  if (!c) return;
  const appliedAt = new Date(now.getTime() - 6 * DAY);
  const { id } = await submitInTransaction(db, c, {
    via: 'learner',
    note: '申请以工业机器人应用编程职业技能等级证书转换专业课程学分',
    by: learner1User.id,
    now: appliedAt,
  }).catch(() => ({ id: null }));
  if (!id) return;
  const app = (await cb.findApplication(db, id))!;
  const decidedAt = new Date(now.getTime() - 3 * DAY);
  await approveInTransaction(db, app, { userId: by }, decidedAt);
  await recordTransition(db, app, 'approve', 'approved', '经学分认定小组审核，同意按认定规则转换', by, decidedAt);
}
