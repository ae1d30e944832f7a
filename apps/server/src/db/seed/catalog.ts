import type { CertificateLevel, EducationLevel, ExamFormShare } from '@onex/shared';
import { type Kysely, sql } from 'kysely';
import type { DB } from '../schema';

/**
 * The catalog of the seed documents (R1.4), loaded on every fresh database like the regions:
 * - `003 教职成司函〔2019〕36号`: the six first-batch certificates, and 附件1 (有关培训评价组织联系人信息表) for their contacts;
 * - `004 附表`: the eight certificates of 广州城市职业学院's second-batch pilot, with their levels and majors.
 * The seeds name neither the organizations nor the exam forms: organizations are the real ones as far as known, and
 * both are flagged `to_be_confirmed` / `details_to_be_confirmed` so administrators confirm them.
 */

export const SEED_BATCHES = [
  { code: 'B1', name: '第一批', ordinal: 1 },
  { code: 'B2', name: '第二批', ordinal: 2 },
  { code: 'B3', name: '第三批', ordinal: 3 },
  { code: 'B4', name: '第四批', ordinal: 4 },
] as const;

interface SeedMajor {
  code: string | null;
  name: string;
  level: EducationLevel;
  edition: string;
  /** The code (or its edition) is not certain: an administrator should check it against the 专业目录. */
  toBeConfirmed: boolean;
}

/** 职业教育专业目录（2021年）codes where known; the two 会计 majors of 004 use the 2015 catalog's names and codes. */
export const SEED_MAJORS: readonly SeedMajor[] = [
  { code: '440101', name: '建筑设计', level: '高职专科', edition: '2021', toBeConfirmed: false },
  { code: '440301', name: '建筑工程技术', level: '高职专科', edition: '2021', toBeConfirmed: false },
  { code: '440501', name: '工程造价', level: '高职专科', edition: '2021', toBeConfirmed: false },
  { code: null, name: '建设工程管理', level: '高职专科', edition: '2021', toBeConfirmed: true },
  { code: '510201', name: '计算机应用技术', level: '高职专科', edition: '2021', toBeConfirmed: false },
  { code: '510202', name: '计算机网络技术', level: '高职专科', edition: '2021', toBeConfirmed: false },
  { code: '510203', name: '软件技术', level: '高职专科', edition: '2021', toBeConfirmed: false },
  { code: '510204', name: '数字媒体技术', level: '高职专科', edition: '2021', toBeConfirmed: false },
  { code: '510102', name: '物联网应用技术', level: '高职专科', edition: '2021', toBeConfirmed: false },
  { code: null, name: '现代物流管理', level: '高职专科', edition: '2021', toBeConfirmed: true },
  { code: '520201', name: '护理', level: '高职专科', edition: '2021', toBeConfirmed: false },
  { code: null, name: '智慧健康养老服务与管理', level: '高职专科', edition: '2021', toBeConfirmed: true },
  { code: null, name: '汽车检测与维修技术', level: '高职专科', edition: '2021', toBeConfirmed: true },
  { code: null, name: '汽车运用与维修', level: '中职', edition: '2021', toBeConfirmed: true },
  { code: '460702', name: '新能源汽车技术', level: '高职专科', edition: '2021', toBeConfirmed: false },
  { code: '460703', name: '智能网联汽车技术', level: '高职专科', edition: '2021', toBeConfirmed: false },
  { code: '460301', name: '机电一体化技术', level: '高职专科', edition: '2021', toBeConfirmed: false },
  { code: '460305', name: '工业机器人技术', level: '高职专科', edition: '2021', toBeConfirmed: false },
  { code: null, name: '市场营销', level: '高职专科', edition: '2021', toBeConfirmed: true },
  { code: '630302', name: '会计', level: '高职专科', edition: '2015', toBeConfirmed: false },
  { code: '630301', name: '财务管理', level: '高职专科', edition: '2015', toBeConfirmed: false },
  { code: null, name: '社区管理与服务', level: '高职专科', edition: '2021', toBeConfirmed: true },
  { code: null, name: '社会工作', level: '高职专科', edition: '2021', toBeConfirmed: true },
];

interface SeedOrg {
  code: string;
  name: string;
  address?: string;
  postcode?: string;
  /** The seeds do not name the organizations; every name here needs confirming. */
  toBeConfirmed: true;
}

export const SEED_ORGS: readonly SeedOrg[] = [
  // Codes ORG-BIM and ORG-WEB bind the demo accounts org-bim and org-web (db/seed/demo.ts).
  {
    code: 'ORG-BIM',
    name: '廊坊市中科建筑产业化创新研究中心',
    address: '河北省廊坊市经济开发区一号楼 106 号新亚大厦 316-318 室',
    postcode: '065009',
    toBeConfirmed: true,
  },
  {
    code: 'ORG-WEB',
    name: '工业和信息化部教育与考试中心',
    address: '北京市海淀区石景山区政达路 2 号 CRD 银座 A508 室',
    postcode: '100040',
    toBeConfirmed: true,
  },
  {
    code: 'ORG-LOG',
    name: '北京中物联物流采购培训中心',
    address: '北京市丰台区双营路 9 号亿达丽泽商务中心 7 层 706B 室',
    postcode: '100079',
    toBeConfirmed: true,
  },
  {
    code: 'ORG-ELD',
    name: '北京中福长者文化科技有限公司',
    address: '北京市西城区广安门内 48 号中彩大厦 11 层',
    postcode: '100054',
    toBeConfirmed: true,
  },
  // 003 §三(二): five organizations for the six first-batch certificates; 附件1 gives both automotive
  // certificates the same contacts, address and mailbox (bjzch…), i.e. one organization.
  {
    code: 'ORG-AUTO',
    name: '北京中车行高新技术有限公司',
    address: '北京市昌平区天通中苑 51 号三层',
    postcode: '102218',
    toBeConfirmed: true,
  },
  { code: 'ORG-SYD', name: '北京赛育达科教有限责任公司', toBeConfirmed: true },
  { code: 'ORG-NLE', name: '北京新大陆时代教育科技有限公司', toBeConfirmed: true },
  { code: 'ORG-ZLQY', name: '中联企业管理集团有限公司', toBeConfirmed: true },
  { code: 'ORG-BDQC', name: '北京博导前程信息技术股份有限公司', toBeConfirmed: true },
  { code: 'ORG-ZMFZ', name: '北京中民福祉教育科技有限责任公司', toBeConfirmed: true },
  { code: 'ORG-YGDJ', name: '济南阳光大姐服务有限责任公司', toBeConfirmed: true },
];

/** One row of 003 附件1 per person (the table lists two per certificate; shared cells go to both). */
interface SeedContact {
  contactName: string;
  officePhone: string;
  mobile: string;
  fax: string;
  email: string;
  address: string;
  postcode: string;
}

interface SeedType {
  code: string;
  name: string;
  org: string;
  batch: (typeof SEED_BATCHES)[number]['code'];
  majors: readonly string[];
  levels: readonly CertificateLevel[];
  /** Plausible defaults: the seeds give no exam forms or pass marks (details_to_be_confirmed). */
  examForms: readonly ExamFormShare[];
  description: string;
  contacts?: readonly SeedContact[];
}

const ALL_LEVELS: readonly CertificateLevel[] = ['junior', 'intermediate', 'senior'];
const DEFAULT_PASS_MARK = 60;
// Descriptions are public text; what the seed does not know is flagged by detailsToBeConfirmed, not written here.
const FIRST_BATCH = '首批 1+X 证书制度试点证书（教职成司函〔2019〕36号）。';
const GZCP_PLAN = '广州城市职业学院第二批 1+X 试点证书（004 附表）；等级为该校试点等级。';

const computerOnly: ExamFormShare[] = [{ form: 'computer', share: 1 }];
const paperAndPractice: ExamFormShare[] = [
  { form: 'paper', share: 0.4 },
  { form: 'practical_general', share: 0.6 },
];
const computerAndSpecial: ExamFormShare[] = [
  { form: 'computer', share: 0.3 },
  { form: 'practical_special', share: 0.7 },
];

const pair = (
  a: [string, string, string],
  b: [string, string, string],
  shared: { fax: string; email?: [string, string]; address: string; postcode: string },
  email?: string,
): SeedContact[] =>
  [a, b].map(([contactName, officePhone, mobile], i) => ({
    contactName,
    officePhone,
    mobile,
    fax: shared.fax,
    email: shared.email?.[i] ?? email ?? '',
    address: shared.address,
    postcode: shared.postcode,
  }));

// 附件1 e-mail cells lost their '@' to '0' in the seed text (16811160163.com, bjzch20020sohu.com): restored here.
const autoContacts = pair(['陈学峰', '010-65526685', '13051681116'], ['张辉', '010-84813985', '13911781832'], {
  fax: '010-64631207',
  email: ['1681116@163.com', 'bjzch2002@sohu.com'],
  address: '北京市昌平区天通中苑 51 号三层',
  postcode: '102218',
});

export const SEED_TYPES: readonly SeedType[] = [
  {
    code: 'BIM',
    name: '建筑信息模型（BIM）',
    org: 'ORG-BIM',
    batch: 'B1',
    majors: ['建筑工程技术', '工程造价', '建筑设计', '建设工程管理'],
    levels: ALL_LEVELS,
    examForms: computerOnly,
    description: FIRST_BATCH,
    contacts: pair(
      ['胡晓光', '0316-5915508', '18611533890'],
      ['张建奇', '010-88390280', '13366465781'],
      { fax: '0316-5915508', address: '河北省廊坊市经济开发区一号楼 106 号新亚大厦 316-318 室', postcode: '065009' },
      '511470041@qq.com',
    ),
  },
  {
    code: 'WEB-FE',
    name: 'Web 前端开发',
    org: 'ORG-WEB',
    batch: 'B1',
    majors: ['软件技术', '计算机应用技术', '数字媒体技术'],
    levels: ALL_LEVELS,
    examForms: computerOnly,
    description: FIRST_BATCH,
    contacts: pair(['龚玉涵', '010-68607719', '13801328764'], ['谭志彬', '010-68607737', '13801003561'], {
      fax: '010-68607700',
      email: ['shch@ceiaec.org', 'tanzhb@ceiaec.org'],
      address: '北京市海淀区石景山区政达路 2 号 CRD 银座 A508 室',
      postcode: '100040',
    }),
  },
  {
    code: 'LOGISTICS',
    name: '物流管理',
    org: 'ORG-LOG',
    batch: 'B1',
    majors: ['现代物流管理'],
    levels: ALL_LEVELS,
    examForms: computerOnly,
    description: FIRST_BATCH,
    contacts: pair(
      ['李俊峰', '010-83775911', '13681111335'],
      ['郭肇明', '010-83775923', '13601188707'],
      { fax: '010-83775914', address: '北京市丰台区双营路 9 号亿达丽泽商务中心 7 层 706B 室', postcode: '100079' },
      'clppCN@126.com',
    ),
  },
  {
    code: 'ELDER-CARE',
    name: '老年照护',
    org: 'ORG-ELD',
    batch: 'B1',
    majors: ['智慧健康养老服务与管理', '护理'],
    levels: ALL_LEVELS,
    examForms: paperAndPractice,
    description: FIRST_BATCH,
    contacts: pair(
      ['姜小玲', '010-56176814', '15712867690'],
      ['魏兵', '010-56176805', '13522763212'],
      { fax: '010-56176804', address: '北京市西城区广安门内 48 号中彩大厦 11 层', postcode: '100054' },
      'fuyizhulao@126.com',
    ),
  },
  {
    code: 'AUTO-MAINT',
    name: '汽车运用与维修',
    org: 'ORG-AUTO',
    batch: 'B1',
    majors: ['汽车检测与维修技术', '汽车运用与维修'],
    levels: ALL_LEVELS,
    examForms: computerAndSpecial,
    description: FIRST_BATCH,
    contacts: autoContacts,
  },
  {
    code: 'NEV',
    name: '智能新能源汽车',
    org: 'ORG-AUTO',
    batch: 'B1',
    majors: ['新能源汽车技术', '智能网联汽车技术'],
    levels: ALL_LEVELS,
    examForms: computerAndSpecial,
    description: FIRST_BATCH,
    contacts: autoContacts,
  },
  {
    code: 'IR-PROG',
    name: '工业机器人应用编程',
    org: 'ORG-SYD',
    batch: 'B2',
    majors: ['机电一体化技术', '工业机器人技术'],
    levels: ALL_LEVELS,
    examForms: [
      { form: 'computer', share: 0.4 },
      { form: 'practical_special', share: 0.6 },
    ],
    description: GZCP_PLAN,
  },
  {
    code: 'SENSOR-NET',
    name: '传感网应用开发',
    org: 'ORG-NLE',
    batch: 'B2',
    majors: ['物联网应用技术'],
    levels: ['intermediate'],
    examForms: [
      { form: 'computer', share: 0.3 },
      { form: 'practical_general', share: 0.7 },
    ],
    description: GZCP_PLAN,
  },
  {
    code: 'E-SHOP',
    name: '网店运营推广',
    org: 'ORG-ZLQY',
    batch: 'B2',
    majors: ['市场营销'],
    levels: ALL_LEVELS,
    examForms: computerOnly,
    description: GZCP_PLAN,
  },
  {
    code: 'SMART-TAX',
    name: '智能财税',
    org: 'ORG-ZLQY',
    batch: 'B2',
    majors: ['会计', '财务管理'],
    levels: ALL_LEVELS,
    examForms: computerOnly,
    description: GZCP_PLAN,
  },
  {
    code: 'EC-DATA',
    name: '电子商务数据分析',
    org: 'ORG-BDQC',
    batch: 'B2',
    majors: ['市场营销'],
    levels: ALL_LEVELS,
    examForms: computerOnly,
    description: GZCP_PLAN,
  },
  {
    code: 'DEMENTIA-CARE',
    name: '失智老人照护',
    org: 'ORG-ZMFZ',
    batch: 'B2',
    majors: ['社区管理与服务', '社会工作'],
    levels: ['intermediate'],
    examForms: paperAndPractice,
    description: GZCP_PLAN,
  },
  {
    code: 'MATERNAL-CARE',
    name: '母婴护理',
    org: 'ORG-YGDJ',
    batch: 'B2',
    majors: ['社会工作', '社区管理与服务'],
    levels: ['intermediate'],
    examForms: paperAndPractice,
    description: GZCP_PLAN,
  },
  {
    code: 'CLOUD-OPS',
    name: '云计算平台运维与开发',
    org: 'ORG-NLE',
    batch: 'B2',
    majors: ['计算机网络技术'],
    levels: ['intermediate'],
    examForms: computerOnly,
    description: GZCP_PLAN,
  },
];

const CATALOG_SEED_LOCK = 7240002;

/** Loads the catalog once into a fresh database (batches present = loaded); later starts cost one count query. */
export async function seedCatalog(db: Kysely<DB>, now: Date = new Date()): Promise<number> {
  if (await catalogLoaded(db)) return 0;
  return db.transaction().execute(async (trx) => {
    await sql`SELECT pg_advisory_xact_lock(${CATALOG_SEED_LOCK})`.execute(trx);
    if (await catalogLoaded(trx)) return 0;
    await trx
      .insertInto('certificate_batches')
      .values([...SEED_BATCHES])
      .execute();
    const majorIds = await insertMajors(trx);
    const orgIds = await upsertOrgs(trx, now);
    for (const t of SEED_TYPES) await insertType(trx, t, orgIds.get(t.org)!, majorIds, now);
    return SEED_TYPES.length;
  });
}

async function catalogLoaded(db: Kysely<DB>): Promise<boolean> {
  const { n } = await db
    .selectFrom('certificate_batches')
    .select((eb) => eb.fn.countAll<string>().as('n'))
    .executeTakeFirstOrThrow();
  return Number(n) > 0;
}

async function insertMajors(trx: Kysely<DB>): Promise<Map<string, string>> {
  const rows = await trx
    .insertInto('majors')
    .values(
      SEED_MAJORS.map((m) => ({
        code: m.code,
        name: m.name,
        education_level: m.level,
        catalog_edition: m.edition,
        to_be_confirmed: m.toBeConfirmed,
      })),
    )
    .returning(['id', 'name'])
    .execute();
  return new Map(rows.map((r) => [r.name, r.id]));
}

async function upsertOrgs(trx: Kysely<DB>, now: Date): Promise<Map<string, string>> {
  const ids = new Map<string, string>();
  for (const o of SEED_ORGS) {
    const values = {
      name: o.name,
      address: o.address ?? null,
      postcode: o.postcode ?? null,
      to_be_confirmed: o.toBeConfirmed,
      updated_at: now,
    };
    const r = await trx
      .insertInto('evaluation_orgs')
      .values({ code: o.code, ...values })
      .onConflict((c) => c.column('code').doUpdateSet(values))
      .returning('id')
      .executeTakeFirstOrThrow();
    ids.set(o.code, r.id);
  }
  return ids;
}

async function insertType(trx: Kysely<DB>, t: SeedType, orgId: string, majorIds: Map<string, string>, now: Date) {
  const { id } = await trx
    .insertInto('certificate_types')
    .values({
      code: t.code,
      name: t.name,
      org_id: orgId,
      batch_code: t.batch,
      status: 'published',
      description: t.description,
      details_to_be_confirmed: true,
      created_at: now,
      updated_at: now,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  await trx
    .insertInto('certificate_type_majors')
    .values(t.majors.map((m) => ({ certificate_type_id: id, major_id: majorIds.get(m)! })))
    .execute();
  for (const level of t.levels) {
    const l = await trx
      .insertInto('certificate_levels')
      .values({ certificate_type_id: id, level, pass_mark: DEFAULT_PASS_MARK, details_to_be_confirmed: true })
      .returning('id')
      .executeTakeFirstOrThrow();
    await trx
      .insertInto('certificate_level_exam_forms')
      .values(t.examForms.map((f) => ({ level_id: l.id, form: f.form, share: f.share.toFixed(3) })))
      .execute();
  }
  for (const [i, c] of (t.contacts ?? []).entries()) {
    await trx
      .insertInto('evaluation_org_contacts')
      .values({
        org_id: orgId,
        certificate_type_id: id,
        contact_name: c.contactName,
        office_phone: c.officePhone,
        mobile: c.mobile,
        fax: c.fax,
        email: c.email || null,
        address: c.address,
        postcode: c.postcode,
        sort_order: i + 1,
      })
      .execute();
  }
}
