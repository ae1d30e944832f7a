import {
  DEFAULT_REVIEW_CRITERIA,
  FILING_ATTACHMENT_KINDS,
  type CertificateLevel,
  type CourseSupportSection,
  type FeasibilitySection,
  type FilingAction,
  type FilingStatus,
  type LeaderSection,
  type OpinionsSection,
  type OverviewSection,
  type TeamSection,
  weightedTotal,
} from '@onex/shared';
import { createHash } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { DB } from '../schema';

/**
 * Demo filings (issue 4 item 13): a 2026 集中备案 round of 广东 with filings in every state, filled with the fields
 * of 000 附件1 / 附件2. Written row by row inside seedDemo's transaction (services open their own transactions).
 */

const DAY = 86_400_000;

/** A tiny valid PDF (header, one empty page, trailer, %%EOF), built by hand for demo attachments. */
export function tinyPdf(title: string): Buffer {
  const body = [
    '%PDF-1.4',
    '1 0 obj << /Type /Catalog /Pages 2 0 R >> endobj',
    '2 0 obj << /Type /Pages /Kids [3 0 R] /Count 1 >> endobj',
    '3 0 obj << /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] >> endobj',
    `4 0 obj << /Title (${title.replace(/[()\\]/g, '')}) >> endobj`,
    'trailer << /Root 1 0 R /Info 4 0 R >>',
    '%%EOF',
    '',
  ].join('\n');
  return Buffer.from(body, 'latin1');
}

// ---- complete content of the sections (also used by tests) ----

export function demoLeader(name = '陈志刚'): LeaderSection {
  return {
    name,
    title: '副教授',
    post: '专业带头人',
    yearsOfWork: 15,
    achievements: '主持省级专业教学资源库 1 项；获广东省教学成果奖二等奖 1 项；指导学生获全国职业院校技能大赛一等奖 2 项。',
  };
}

export function demoTeam(): TeamSection {
  return {
    members: [
      { name: '林晓燕', title: '讲师', post: '教研室主任', yearsOfWork: 9, role: '课程融通与教学实施' },
      { name: '黄伟', title: '高级工程师', post: '企业兼职教师', yearsOfWork: 18, role: '实训指导与考核站点建设' },
      { name: '吴敏', title: '讲师', post: '专任教师', yearsOfWork: 6, role: '学生遴选与考证组织' },
    ],
  };
}

/** The training rooms and bases of each demo certificate's department, so a BIM filing does not list robot labs. */
const DEMO_FACILITIES: Record<string, OverviewSection['facilities']> = {
  'IR-PROG': {
    trainingRooms: [
      { name: '工业机器人应用编程实训室', areaM2: 240, workstations: 40 },
      { name: '智能制造生产线实训中心', areaM2: 600, workstations: 60 },
    ],
    offCampusBases: [{ name: '广州数控设备有限公司实训基地' }, { name: '广汽本田汽车有限公司实训基地' }],
    lastYearUsage: 4200,
  },
  'SMART-TAX': {
    trainingRooms: [
      { name: '智能财税实训室', areaM2: 180, workstations: 60 },
      { name: '会计综合实训室', areaM2: 150, workstations: 50 },
    ],
    offCampusBases: [{ name: '广州某会计师事务所实训基地' }],
    lastYearUsage: 3100,
  },
  'E-SHOP': {
    trainingRooms: [{ name: '电子商务运营实训室', areaM2: 160, workstations: 50 }],
    offCampusBases: [{ name: '广州某电商产业园实训基地' }],
    lastYearUsage: 2600,
  },
  'WEB-FE': {
    trainingRooms: [
      { name: 'Web 前端开发实训室', areaM2: 150, workstations: 55 },
      { name: '软件技术综合实训室', areaM2: 200, workstations: 60 },
    ],
    offCampusBases: [{ name: '广州某软件有限公司实训基地' }],
    lastYearUsage: 3800,
  },
  BIM: {
    trainingRooms: [{ name: '建筑信息模型（BIM）实训室', areaM2: 200, workstations: 50 }],
    offCampusBases: [{ name: '广东某建筑设计研究院实训基地' }],
    lastYearUsage: 2900,
  },
};

export function demoOverview(certificateCode = 'IR-PROG'): OverviewSection {
  return {
    achievements: '省级高水平专业群核心专业；建有省级协同育人平台 1 个；近三年毕业生就业率 97% 以上。',
    teachers: {
      fullTime: 21,
      partTime: 6,
      seniorTitle: 7,
      dualQualifiedRatio: 61.9,
      industryExpertRatio: 25.9,
      nationalInnovationTeam: false,
    },
    facilities: DEMO_FACILITIES[certificateCode] ?? DEMO_FACILITIES['IR-PROG']!,
  };
}

/** The declaring department's head signs its opinion (申报单位意见), the academic affairs office the school's. */
export function demoOpinions(date: string, department = '机电工程学院'): OpinionsSection {
  const head = department.endsWith('部') ? '主任' : '院长';
  return {
    declaringUnit: {
      text: '同意申报。该项目与专业人才培养方案契合，师资与实训条件满足要求。',
      signer: `${department}${head} 张建华`,
      date,
    },
    competentDepartment: { text: '经学校论证，同意该证书项目备案。', signer: '教务处处长 李国强', date },
  };
}

/** Each demo filing's project leader (the robot filing's 陈志刚 is the one the demo change request replaces). */
export const DEMO_LEADERS: Record<string, string> = {
  '广州城市职业学院/IR-PROG': '陈志刚',
  '广州城市职业学院/SMART-TAX': '周丽华',
  '广州城市职业学院/E-SHOP': '郑晓东',
  '广州市轻工职业学校/WEB-FE': '何俊',
  '广东生态工程职业学院/WEB-FE': '邓文静',
  '广东生态工程职业学院/BIM': '梁建国',
};

/** The courses that carry each demo certificate (课程支撑), so each filing reads like its own. */
const DEMO_COURSES: Record<string, CourseSupportSection['courses']> = {
  'IR-PROG': [
    { name: '工业机器人编程与操作', credits: 4, hours: 64 },
    { name: '工业机器人系统集成', credits: 3, hours: 48 },
  ],
  'SMART-TAX': [
    { name: '智能财税基础', credits: 3, hours: 48 },
    { name: '税费计算与申报', credits: 4, hours: 64 },
  ],
  'E-SHOP': [
    { name: '网店运营', credits: 3, hours: 48 },
    { name: '网络营销与推广', credits: 3, hours: 48 },
  ],
  'WEB-FE': [
    { name: 'HTML5 与 CSS3 网页设计', credits: 4, hours: 64 },
    { name: 'JavaScript 程序设计', credits: 4, hours: 64 },
  ],
  BIM: [
    { name: '建筑信息模型（BIM）建模', credits: 4, hours: 64 },
    { name: '建筑识图与构造', credits: 3, hours: 48 },
  ],
};

export function demoCourseSupport(certificateCode = 'IR-PROG'): CourseSupportSection {
  return { courses: DEMO_COURSES[certificateCode] ?? DEMO_COURSES['IR-PROG']! };
}

export function demoFeasibility(
  leaderName: string,
  majors: { name: string; headcount: number }[],
  date: string,
  department = '机电工程学院',
): FeasibilitySection {
  return {
    leaderName,
    fundingSource: '中央现代职业教育质量提升计划专项资金及学校配套经费',
    responsibleDepartment: department,
    date,
    place: '学校行政楼第一会议室',
    majors: majors.slice(0, 3),
    experts: [
      { name: '王立新', unit: '广东省机械工程学会', titleOrPost: '高级工程师', signed: true },
      { name: '刘红梅', unit: '广东轻工职业技术学院', titleOrPost: '教授', signed: true },
      { name: '赵明', unit: '广州数控设备有限公司', titleOrPost: '技术总监', signed: true },
    ],
    conclusion: '专家组认为：该证书与专业（群）人才培养目标契合度高，师资、实训条件与课程支撑满足试点要求，同意开展试点。',
  };
}

// ---- seeding ----

interface DemoFiling {
  school: string;
  department: string;
  certificate: string;
  levels: CertificateLevel[];
  majors: { code: string; trainees: number }[];
  /** The path of actions taken, in order; the last status is the filing's. */
  path: FilingAction[];
  complete: boolean;
  decision?: 'approved' | 'rejected';
  comment?: string;
}

const FILINGS: DemoFiling[] = [
  {
    school: '广州城市职业学院',
    department: '机电工程学院',
    certificate: 'IR-PROG',
    levels: ['intermediate'],
    majors: [
      { code: '560301', trainees: 60 },
      { code: '560309', trainees: 40 },
    ],
    path: ['submit', 'accept_for_review', 'assign_experts', 'expert_score', 'approve', 'publish'],
    complete: true,
    decision: 'approved',
    comment: '专家评审通过，同意备案。',
  },
  {
    school: '广州城市职业学院',
    department: '管理学院',
    certificate: 'SMART-TAX',
    levels: ['junior', 'intermediate'],
    majors: [
      { code: '630302', trainees: 80 },
      { code: '630301', trainees: 35 },
    ],
    path: ['submit', 'accept_for_review', 'assign_experts'],
    complete: true,
  },
  {
    school: '广州城市职业学院',
    department: '管理学院',
    certificate: 'E-SHOP',
    levels: ['junior'],
    majors: [{ code: '630701', trainees: 45 }],
    path: ['submit', 'accept_for_review', 'reject', 'publish'],
    complete: true,
    decision: 'rejected',
    comment: '实训条件与证书考核要求不匹配，本轮不予备案。',
  },
  {
    school: '广州市轻工职业学校',
    department: '信息技术部',
    certificate: 'WEB-FE',
    levels: ['junior'],
    majors: [{ code: '710202', trainees: 50 }],
    path: ['submit'],
    complete: true,
  },
  {
    school: '广东生态工程职业学院',
    department: '信息工程学院',
    certificate: 'WEB-FE',
    levels: ['intermediate'],
    majors: [{ code: '610205', trainees: 55 }],
    path: ['submit', 'accept_for_review', 'return'],
    complete: true,
    comment: '请补充课程支撑的学时安排，并上传盖章后的论证报告。',
  },
  {
    school: '广东生态工程职业学院',
    department: '建筑工程学院',
    certificate: 'BIM',
    levels: ['junior', 'intermediate'],
    majors: [{ code: '540301', trainees: 60 }],
    path: [],
    complete: false,
  },
];

const ACTORS: Partial<Record<FilingAction, string>> = {
  submit: 'school',
  accept_for_review: 'gd-admin',
  assign_experts: 'gd-admin',
  expert_score: 'expert1',
  approve: 'gd-admin',
  reject: 'gd-admin',
  return: 'gd-admin',
  publish: 'gd-admin',
};

const NEXT: Partial<Record<FilingAction, FilingStatus>> = {
  submit: 'submitted',
  accept_for_review: 'provincial_review',
  assign_experts: 'provincial_review',
  expert_score: 'provincial_review',
  approve: 'approved',
  reject: 'rejected',
  return: 'returned',
  publish: 'published',
};

type Trx = Kysely<DB>;

async function user(trx: Trx, username: string) {
  return trx.selectFrom('users').select(['id', 'role', 'display_name']).where('username', '=', username).executeTakeFirstOrThrow();
}

export async function seedDemoFilings(trx: Trx, now: Date): Promise<void> {
  const types = await trx.selectFrom('certificate_types').select(['id', 'code']).execute();
  if (!types.some((t) => t.code === 'IR-PROG')) return; // no seed catalog: nothing to file
  const gdAdmin = await user(trx, 'gd-admin');
  const expert = await user(trx, 'expert1');
  const round = await trx
    .insertInto('filing_rounds')
    .values({
      province_code: '440000',
      name: '2026 年 1+X 证书制度项目集中备案',
      year: 2026,
      type: 'centralized',
      status: 'open',
      school_submission_deadline: new Date(now.getTime() + 30 * DAY),
      municipal_review_deadline: new Date(now.getTime() + 37 * DAY),
      provincial_review_deadline: new Date(now.getTime() + 50 * DAY),
      admitted_batch_codes: ['B1', 'B2'],
      major_catalog_edition: '2021',
      review_criteria: JSON.stringify(DEFAULT_REVIEW_CRITERIA),
      rule_overrides: '{}',
      description:
        '依据粤教职函〔2023〕12号：学校在平台提出项目备案申请并上传盖章备案表、论证报告；地市教育局审核属地中职学校项目；省教育厅组织专家审核。',
      created_at: now,
      created_by: gdAdmin.id,
      updated_at: now,
    })
    .returning(['id'])
    .executeTakeFirstOrThrow();
  const date = now.toISOString().slice(0, 10);
  for (const f of FILINGS) {
    const school = await trx
      .selectFrom('schools')
      .select(['id', 'school_type', 'province_code', 'city_code'])
      .where('name', '=', f.school)
      .executeTakeFirstOrThrow();
    const dept = await trx
      .selectFrom('departments')
      .select('id')
      .where('school_id', '=', school.id)
      .where('name', '=', f.department)
      .executeTakeFirstOrThrow();
    const schoolAdmin = await trx
      .selectFrom('users')
      .select(['id', 'role', 'display_name'])
      .where('school_id', '=', school.id)
      .where('role', '=', 'school_admin')
      .executeTakeFirstOrThrow();
    const majors = await trx
      .selectFrom('school_majors as m')
      .leftJoin('school_major_years as y', (j) => j.onRef('y.school_major_id', '=', 'm.id').on('y.year', '=', 2026))
      .select(['m.id', 'm.major_code', 'm.name', 'y.enrolled_students', 'y.full_time_teachers'])
      .where('m.school_id', '=', school.id)
      .where(
        'm.major_code',
        'in',
        f.majors.map((m) => m.code),
      )
      .execute();
    const typeId = types.find((t) => t.code === f.certificate)!.id;
    const leader = demoLeader(DEMO_LEADERS[`${f.school}/${f.certificate}`]);
    const final = f.path.reduce<FilingStatus>((s, a) => NEXT[a] ?? s, 'draft');
    const filing = await trx
      .insertInto('filings')
      .values({
        round_id: round.id,
        province_code: school.province_code,
        city_code: school.city_code,
        school_id: school.id,
        department_id: dept.id,
        certificate_type_id: typeId,
        year: 2026,
        levels: f.levels,
        needs_municipal_review: school.school_type === 'secondary',
        status: final,
        decision: f.decision ?? null,
        decision_comment: f.decision ? (f.comment ?? null) : null,
        leader: JSON.stringify(leader),
        team: f.complete ? JSON.stringify(demoTeam()) : null,
        overview: JSON.stringify(demoOverview(f.certificate)),
        opinions: f.complete ? JSON.stringify(demoOpinions(date, f.department)) : null,
        course_support: f.complete ? JSON.stringify(demoCourseSupport(f.certificate)) : null,
        feasibility: f.complete
          ? JSON.stringify(
              demoFeasibility(
                leader.name,
                majors.map((m) => ({ name: m.name, headcount: f.majors.find((x) => x.code === m.major_code)!.trainees })),
                date,
                f.department,
              ),
            )
          : null,
        return_comments: JSON.stringify(
          final === 'returned' ? { courseSupport: f.comment, feasibility: '论证报告须加盖学校公章后上传扫描件。' } : {},
        ),
        created_at: now,
        created_by: schoolAdmin.id,
        updated_at: now,
        submitted_at: f.path.includes('submit') ? now : null,
        decided_at: f.decision ? now : null,
        published_at: final === 'published' ? now : null,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    await trx
      .insertInto('filing_majors')
      .values(
        majors.map((m, i) => ({
          filing_id: filing.id,
          province_code: school.province_code,
          school_major_id: m.id,
          major_code: m.major_code,
          major_name: m.name,
          enrolled_students: m.enrolled_students ?? 0,
          full_time_teachers: m.full_time_teachers ?? 0,
          planned_trainees: f.majors.find((x) => x.code === m.major_code)!.trainees,
          sort_order: i,
        })),
      )
      .execute();
    if (f.complete) {
      for (const kind of FILING_ATTACHMENT_KINDS) {
        const bytes = tinyPdf(`${f.certificate} ${kind}`);
        const file = await trx
          .insertInto('files')
          .values({
            sha256: createHash('sha256').update(bytes).digest('hex'),
            size: bytes.length,
            mime: 'application/pdf',
            original_name: `${kind}.pdf`,
            bytes,
            created_at: now,
            created_by: schoolAdmin.id,
            school_id: school.id,
          })
          .returning('id')
          .executeTakeFirstOrThrow();
        await trx
          .insertInto('filing_attachments')
          .values({
            filing_id: filing.id,
            province_code: school.province_code,
            school_id: school.id,
            kind,
            version: 1,
            file_id: file.id,
            uploaded_at: now,
            uploaded_by: schoolAdmin.id,
          })
          .execute();
      }
    }
    let status: FilingStatus = 'draft';
    for (const action of f.path) {
      const who = ACTORS[action] === 'school' ? schoolAdmin : ACTORS[action] === 'expert1' ? expert : gdAdmin;
      const to = NEXT[action]!;
      let opinion: string | null = null;
      if (action === 'assign_experts')
        await trx
          .insertInto('filing_expert_assignments')
          .values({
            filing_id: filing.id,
            province_code: school.province_code,
            expert_id: expert.id,
            assigned_at: now,
            assigned_by: gdAdmin.id,
          })
          .execute();
      if (action === 'expert_score') {
        const scores = { fit: 92, team: 88, facilities: 90, feasibility: 86 };
        opinion = '证书与专业群契合，师资和实训条件充分，建议通过。';
        await trx
          .updateTable('filing_expert_assignments')
          .set({ scores: JSON.stringify(scores), weighted_total: weightedTotal(DEFAULT_REVIEW_CRITERIA, scores), opinion, scored_at: now })
          .where('filing_id', '=', filing.id)
          .execute();
      }
      if (action === 'approve' || action === 'reject' || action === 'return') opinion = f.comment ?? null;
      await trx
        .insertInto('filing_events')
        .values({
          filing_id: filing.id,
          province_code: school.province_code,
          action,
          from_status: status,
          to_status: to,
          opinion,
          details: '{}',
          actor_id: who.id,
          actor_role: who.role,
          actor_name: who.display_name,
          at: now,
        })
        .execute();
      status = to;
    }
  }
}
