import { SCHOOL_FLAGS, type SchoolFlag, creditCodeCheckChar } from '@onex/shared';
import type { Kysely } from 'kysely';
import { insertMajor, upsertYear } from '../../modules/schools/schools.queries';
import type { DB } from '../schema';

/**
 * Registration details, departments' majors and three years of figures of the demo schools (R2). Majors are those
 * of 004 附表 (广州城市职业学院's second pilot batch) plus 建筑工程技术 and 软件技术 for the BIM and Web pilots;
 * codes of the 2015 高职 catalog (中职: 2021 catalog). Some majors miss an eligibility threshold on purpose.
 */
type Profile = 'strong' | 'low_dual' | 'few_experts' | 'gap_year';

interface DemoMajor {
  department: string;
  code: string;
  name: string;
  profile: Profile;
  /** Students in 2026; earlier years grow towards it. */
  students: number;
}

export interface DemoSchoolDetails {
  /** The first 17 characters; the check character is computed (GB 32100). */
  creditCodeBase: string;
  flags: SchoolFlag[];
  address: string;
  contactName: string;
  contactPhone: string;
  majors: DemoMajor[];
}

export const DEMO_SCHOOL_DETAILS: Record<string, DemoSchoolDetails> = {
  gdst: {
    creditCodeBase: '12440000455859161',
    flags: ['provincial_model', 'industry_featured'],
    address: '广州市天河区广汕一路 297 号',
    contactName: '教务处',
    contactPhone: '020-87000001',
    majors: [
      { department: '信息工程学院', code: '610119', name: '物联网应用技术', profile: 'strong', students: 420 },
      { department: '信息工程学院', code: '610202', name: '计算机网络技术', profile: 'low_dual', students: 380 },
      { department: '信息工程学院', code: '610205', name: '软件技术', profile: 'strong', students: 450 },
      { department: '建筑工程学院', code: '540301', name: '建筑工程技术', profile: 'few_experts', students: 510 },
    ],
  },
  gzcp: {
    creditCodeBase: '12440100456377527',
    flags: ['national_model', 'double_high'],
    address: '广州市白云区白云大道北 1 号',
    contactName: '教务处',
    contactPhone: '020-86000002',
    majors: [
      { department: '机电工程学院', code: '560301', name: '机电一体化技术', profile: 'strong', students: 520 },
      { department: '机电工程学院', code: '560309', name: '工业机器人技术', profile: 'gap_year', students: 160 },
      { department: '信息技术学院', code: '610119', name: '物联网应用技术', profile: 'strong', students: 300 },
      { department: '信息技术学院', code: '610202', name: '计算机网络技术', profile: 'strong', students: 360 },
      { department: '信息技术学院', code: '610205', name: '软件技术', profile: 'few_experts', students: 410 },
      { department: '管理学院', code: '630701', name: '市场营销', profile: 'strong', students: 280 },
      { department: '管理学院', code: '630302', name: '会计', profile: 'strong', students: 640 },
      { department: '管理学院', code: '630301', name: '财务管理', profile: 'low_dual', students: 260 },
      { department: '公共管理学院', code: '690102', name: '社区管理与服务', profile: 'few_experts', students: 150 },
      { department: '公共管理学院', code: '690101', name: '社会工作', profile: 'strong', students: 180 },
      { department: '建筑工程学院', code: '540301', name: '建筑工程技术', profile: 'strong', students: 470 },
    ],
  },
  zz: {
    creditCodeBase: '12440100455863419',
    flags: ['national_secondary_model'],
    address: '广州市海珠区',
    contactName: '教务科',
    contactPhone: '020-84000003',
    majors: [
      { department: '信息技术部', code: '710202', name: '计算机网络技术', profile: 'strong', students: 240 },
      { department: '信息技术部', code: '710205', name: '软件与信息服务', profile: 'low_dual', students: 150 },
    ],
  },
  whvc: {
    creditCodeBase: '12420000441679231',
    flags: ['national_model', 'double_high'],
    address: '武汉市洪山区关山大道 463 号',
    contactName: '教务处',
    contactPhone: '027-87000004',
    majors: [
      { department: '计算机技术与软件工程学院', code: '610205', name: '软件技术', profile: 'strong', students: 600 },
      { department: '计算机技术与软件工程学院', code: '610202', name: '计算机网络技术', profile: 'few_experts', students: 330 },
    ],
  },
};

export const DEMO_FIGURE_YEARS = [2024, 2025, 2026] as const;

/** Departments a demo school needs beyond the foundation's list. */
export function demoDepartments(key: string): string[] {
  return [...new Set(DEMO_SCHOOL_DETAILS[key]?.majors.map((m) => m.department) ?? [])];
}

export function demoCreditCode(key: string): string | null {
  const base = DEMO_SCHOOL_DETAILS[key]?.creditCodeBase;
  return base ? base + creditCodeCheckChar(base)! : null;
}

/** Teacher figures of a profile: strong meets all three facts; the others miss one each. */
function figures(m: DemoMajor, year: number, i: number) {
  const students = m.profile === 'gap_year' && year === 2024 ? 0 : Math.round(m.students * (1 - (2026 - year) * 0.08));
  const fullTime = 12 + Math.round(m.students / 60);
  const partTime = 4 + (i % 3);
  const dual = m.profile === 'low_dual' ? Math.floor(fullTime * 0.4) : Math.ceil(fullTime * 0.6);
  const team = fullTime + partTime;
  const experts = m.profile === 'few_experts' ? Math.floor(team * 0.1) : Math.ceil(team * 0.25);
  return {
    year,
    enrolledStudents: students,
    fullTimeTeachers: fullTime,
    partTimeTeachers: partTime,
    seniorTitleTeachers: Math.round(fullTime * 0.35),
    dualQualifiedTeachers: dual,
    industryExpertTeachers: experts,
    nationalInnovationTeam: m.profile === 'strong' && i === 0,
    lastYearUsage: students * 8,
    trainingRooms: [{ name: `${m.name}实训室`, areaM2: 120 + (i % 4) * 40, workstations: 40 + (i % 3) * 10 }],
    offCampusBases: [{ name: `${m.name}校外实训基地（合作企业 ${i + 1}）` }],
  };
}

/** Writes the details, majors and figures of one demo school (inside the caller's transaction). */
export async function seedDemoSchoolDetails(
  trx: Kysely<DB>,
  key: string,
  school: { id: string; province: string },
  now: Date,
): Promise<void> {
  const d = DEMO_SCHOOL_DETAILS[key];
  if (!d) return;
  const flags = d.flags.filter((f) => SCHOOL_FLAGS.includes(f));
  await trx
    .updateTable('schools')
    .set({
      credit_code: demoCreditCode(key),
      status: 'approved',
      flags,
      address: d.address,
      contact_name: d.contactName,
      contact_phone: d.contactPhone,
      updated_at: now,
      approved_at: now,
    })
    .where('id', '=', school.id)
    .execute();
  const depts = await trx.selectFrom('departments').select(['id', 'name']).where('school_id', '=', school.id).execute();
  for (const [i, m] of d.majors.entries()) {
    const departmentId = depts.find((x) => x.name === m.department)!.id;
    const existing = await trx
      .selectFrom('school_majors')
      .select('id')
      .where('school_id', '=', school.id)
      .where('major_code', '=', m.code)
      .executeTakeFirst();
    const id =
      existing?.id ??
      (await insertMajor(trx, { schoolId: school.id, departmentId, provinceCode: school.province, majorCode: m.code, name: m.name }, now));
    for (const year of DEMO_FIGURE_YEARS) await upsertYear(trx, id, school.province, figures(m, year, i), null, now);
  }
}
