import { deflateSync } from 'node:zlib';
import { createHash } from 'node:crypto';
import { DEFAULT_CASE_CRITERIA, TRAINING_FEE_STANDARD, feeAboveStandard, trainingFeeStandardFen } from '@onex/shared';
import type { Kysely } from 'kysely';
import { chinaDate } from '../../modules/exam-sessions/exam-sessions.service';
import * as files from '../../modules/files/files.queries';
import { caseLength } from '../../modules/typical-cases/typical-cases.rules';
import type { DB } from '../schema';
import { tinyPdf } from './demo-filings';

/**
 * Typical cases, training and the consultation desk (issue 14 items 3–5): 广东's published 2025 collection with a
 * selected case of 广州城市职业学院 (public), its open 2026 collection with a submitted case of 广东生态工程职业学院 and a
 * selected case of 广州城市职业学院 (both with pictures); training plans of 广州城市职业学院's approved pilot (one through
 * the department and 教务部, one waiting for the department), records (one fee above the national standard), a teacher's
 * 考评员 qualification; a published FAQ of the BIM organization and an open question.
 */

function crc32(buf: Buffer): number {
  let c = ~0;
  for (const b of buf) {
    c ^= b;
    for (let k = 0; k < 8; k++) c = c & 1 ? (c >>> 1) ^ 0xedb88320 : c >>> 1;
  }
  return ~c >>> 0;
}

/** A real PNG (RGB, 320×180): a 机制图-like picture of coloured blocks joined by a bar, different per `seed`. */
export function demoDiagramPng(seed: number): Buffer {
  const w = 320;
  const h = 180;
  const palette = [
    [22, 119, 255],
    [82, 196, 26],
    [250, 140, 22],
    [114, 46, 209],
  ];
  const raw = Buffer.alloc((w * 3 + 1) * h);
  for (let y = 0; y < h; y++) {
    raw[y * (w * 3 + 1)] = 0;
    for (let x = 0; x < w; x++) {
      let rgb = [245, 247, 250];
      const block = Math.floor(x / 80);
      const inBlock = x % 80 > 10 && x % 80 < 70 && y > 50 && y < 130;
      if (inBlock) rgb = palette[(block + seed) % palette.length]!;
      else if (y > 86 && y < 94 && x > 40 && x < 280) rgb = [140, 140, 140];
      const o = y * (w * 3 + 1) + 1 + x * 3;
      raw[o] = rgb[0]!;
      raw[o + 1] = rgb[1]!;
      raw[o + 2] = rgb[2]!;
    }
  }
  const chunk = (type: string, data: Buffer) => {
    const len = Buffer.alloc(4);
    len.writeUInt32BE(data.length);
    const td = Buffer.concat([Buffer.from(type, 'latin1'), data]);
    const crc = Buffer.alloc(4);
    crc.writeUInt32BE(crc32(td));
    return Buffer.concat([len, td, crc]);
  };
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(w, 0);
  ihdr.writeUInt32BE(h, 4);
  ihdr[8] = 8;
  ihdr[9] = 2;
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', ihdr),
    chunk('IDAT', deflateSync(raw)),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

/** A minimal .docx-shaped package (ZIP local header naming word/document.xml), enough for the content check. */
export function demoDocx(title: string): Buffer {
  const name = Buffer.from('word/document.xml', 'latin1');
  const head = Buffer.alloc(30);
  head.writeUInt32LE(0x04034b50, 0);
  head.writeUInt16LE(20, 4);
  head.writeUInt16LE(name.length, 26);
  return Buffer.concat([head, name, Buffer.from(`<w:document><w:t>${title}</w:t></w:document>`, 'utf8')]);
}

async function storeFile(
  db: Kysely<DB>,
  bytes: Buffer,
  name: string,
  mime: string,
  at: Date,
  owner: { provinceCode: string; schoolId: string },
) {
  return files.insertFile(db, {
    sha256: createHash('sha256').update(bytes).digest('hex'),
    size: bytes.length,
    mime,
    originalName: name,
    bytes,
    createdAt: at,
    createdBy: null,
    provinceCode: owner.provinceCode,
    schoolId: owner.schoolId,
    orgId: null,
  });
}

const CASES = {
  gzcp: {
    title: '“岗课赛证”四融通：工业机器人专业群书证融通育人新路径',
    category: '书证融通（岗课赛证融通）',
    background:
      '学校 2020 年起承担工业机器人应用编程 1+X 证书试点。面对课程内容与岗位标准脱节、证书培训游离于教学之外等问题，学校以证书标准为牵引，推动专业教学改革。',
    measures:
      '（一）对接证书标准重构课程体系：将证书初、中级标准拆解为 12 个能力模块，融入 6 门专业核心课程。\n（二）校企共建考核站点：与企业共建实训基地，建成 20 个工位的考核站点并向区域开放共享。\n（三）以赛促学：将技能大赛任务转化为教学项目，形成“课堂—证书—赛项”递进训练。',
    outcomes:
      '三年来 420 名学生参加证书考核，中级通过率 86%；教师 12 人取得证书与考评员资格；建成省级精品在线开放课程 2 门，模式在区域 8 所院校推广。',
  },
  gdst: {
    title: '生态园林专业“课证融通”教学改革实践',
    category: '校企合作',
    background: '学校园林技术专业参与 BIM 证书试点，探索证书标准与专业课程融通的路径。',
    measures: '（一）组建校企双元教学团队；（二）将证书考核项目嵌入实训周；（三）建立学习成果与学分互认机制。',
    outcomes: '参试学生 150 人，证书通过率 81%；形成课证融通课程标准 3 套。',
  },
};

export async function seedDemoTypicalCases(db: Kysely<DB>, now: Date): Promise<void> {
  if (await db.selectFrom('typical_case_collections').select('id').executeTakeFirst()) return;
  const schools = await db.selectFrom('schools').select(['id', 'name', 'province_code', 'city_code']).execute();
  const gzcp = schools.find((s) => s.name === '广州城市职业学院');
  const gdst = schools.find((s) => s.name === '广东生态工程职业学院');
  if (!gzcp || !gdst) return;
  const admin = await db.selectFrom('users').select(['id', 'display_name']).where('username', '=', 'gd-admin').executeTakeFirst();

  const collection = async (title: string, year: number, deadline: string, published: boolean) =>
    (
      await db
        .insertInto('typical_case_collections')
        .values({
          province_code: '440000',
          title,
          year,
          deadline,
          categories: JSON.stringify(['书证融通（岗课赛证融通）', '校企合作', '“三教”改革', '学分制改革与学习成果应用']),
          criteria: JSON.stringify(DEFAULT_CASE_CRITERIA),
          description: '根据粤教职函〔2023〕12号 三（三）及附件3《典型案例撰写要求》报送。',
          status: published ? 'published' : 'open',
          published_at: published ? now : null,
          created_at: now,
          created_by: admin?.id ?? null,
        })
        .returning('id')
        .executeTakeFirstOrThrow()
    ).id;
  const past = await collection('2025 年广东省 1+X 证书制度试点典型案例', 2025, '2025-06-30', true);
  const open = await collection(
    '2026 年广东省 1+X 证书制度试点典型案例征集',
    2026,
    chinaDate(new Date(now.getTime() + 90 * 86_400_000)),
    false,
  );

  const addCase = async (
    collectionId: string,
    school: (typeof schools)[number],
    text: (typeof CASES)['gzcp'],
    status: 'submitted' | 'selected',
    seed: number,
  ) => {
    const owner = { provinceCode: school.province_code, schoolId: school.id };
    const pdf = await storeFile(db, tinyPdf(text.title), '典型案例（盖章扫描件）.pdf', 'application/pdf', now, owner);
    const word = await storeFile(
      db,
      demoDocx(text.title),
      '典型案例.docx',
      'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
      now,
      owner,
    );
    const scores = { typicality: 27, measures: 26, outcomes: 22, presentation: 13 };
    const id = (
      await db
        .insertInto('typical_cases')
        .values({
          collection_id: collectionId,
          province_code: school.province_code,
          city_code: school.city_code,
          school_id: school.id,
          ...text,
          char_count: caseLength(text),
          pdf_file_id: pdf,
          word_file_id: word,
          status,
          scores: status === 'selected' ? JSON.stringify(scores) : null,
          total_score: status === 'selected' ? 88 : null,
          review_comment: status === 'selected' ? '机制清晰、成效突出，具有推广价值' : null,
          submitted_at: now,
          reviewed_at: status === 'selected' ? now : null,
          reviewed_by: status === 'selected' ? (admin?.id ?? null) : null,
          created_at: now,
          created_by: null,
          updated_at: now,
        })
        .returning('id')
        .executeTakeFirstOrThrow()
    ).id;
    const captions = ['“岗课赛证”融通机制图', '课程体系重构逻辑图', '考核站点实训场景'];
    for (const [i, caption] of captions.slice(0, status === 'selected' ? 3 : 2).entries()) {
      const img = await storeFile(db, demoDiagramPng(seed + i), `图${i + 1}.png`, 'image/png', now, owner);
      await db
        .insertInto('typical_case_images')
        .values({ case_id: id, file_id: img, caption, sort_order: i + 1 })
        .execute();
    }
  };
  await addCase(past, gzcp, CASES.gzcp, 'selected', 0);
  await addCase(open, gzcp, { ...CASES.gzcp, title: '考核站点开放共享：区域 1+X 公共实训基地建设' }, 'selected', 1);
  await addCase(open, gdst, CASES.gdst, 'submitted', 2);

  await seedDemoTraining(db, now, gzcp);
  await seedDemoConsultations(db, now);
}

async function seedDemoTraining(db: Kysely<DB>, now: Date, gzcp: { id: string; province_code: string; city_code: string }) {
  const pilot = await db
    .selectFrom('filings as f')
    .innerJoin('certificate_types as ct', 'ct.id', 'f.certificate_type_id')
    .select(['f.id', 'f.department_id', 'f.certificate_type_id', 'f.year'])
    .where('f.school_id', '=', gzcp.id)
    .where('ct.code', '=', 'IR-PROG')
    .executeTakeFirst();
  if (!pilot) return;
  const school = await db.selectFrom('users').select(['id', 'display_name']).where('username', '=', 'gzcp-admin').executeTakeFirst();
  const facts = {
    filing_id: pilot.id,
    province_code: gzcp.province_code,
    city_code: gzcp.city_code,
    school_id: gzcp.id,
    department_id: pilot.department_id,
  };
  const plan = async (
    kind: 'teacher' | 'assessor',
    title: string,
    planned: number,
    content: string,
    steps: [string, string, string, string][],
  ) => {
    const id = (
      await db
        .insertInto('training_plans')
        .values({
          ...facts,
          year: 2026,
          kind,
          title,
          planned_trainees: planned,
          content,
          status: (steps.at(-1)?.[2] ?? 'draft') as 'approved',
          created_at: now,
          created_by: school?.id ?? null,
          updated_at: now,
        })
        .returning('id')
        .executeTakeFirstOrThrow()
    ).id;
    for (const [action, from, to, actor] of steps)
      await db
        .insertInto('training_plan_events')
        .values({ plan_id: id, action, from_status: from, to_status: to, actor_id: null, actor_name: actor, comment: null, at: now })
        .execute();
    return id;
  };
  const teacherPlan = await plan(
    'teacher',
    '2026 年工业机器人应用编程师资培训计划',
    6,
    '按参与试点学生规模安排 6 名专任教师参加证书师资培训，并开展校内二级培训。',
    [
      ['submit', 'draft', 'submitted', '试点负责人'],
      ['department_approve', 'submitted', 'department_approved', '机电工程学院'],
      ['academic_approve', 'department_approved', 'approved', school?.display_name ?? '教务处'],
    ],
  );
  await plan('assessor', '2026 年考评人员培训计划', 2, '选派 2 名教师参加培训评价组织考评员培训，取得考评员资格。', [
    ['submit', 'draft', 'submitted', '试点负责人'],
  ]);

  const records: [string, string, string, number, number, number][] = [
    [
      '陈志强',
      '工业机器人应用编程（中级）师资培训',
      '工业机器人应用编程证书培训评价组织',
      3,
      24,
      3 * TRAINING_FEE_STANDARD.perPersonDayFen,
    ],
    [
      '林晓燕',
      '工业机器人应用编程（中级）师资培训',
      '工业机器人应用编程证书培训评价组织',
      3,
      24,
      3 * TRAINING_FEE_STANDARD.perPersonDayFen,
    ],
    ['黄国栋', '工业机器人高级研修班', '某职业技能培训中心', 5, 40, 480_000],
  ];
  for (const [name, course, provider, days, hours, fee] of records)
    await db
      .insertInto('training_records')
      .values({
        ...facts,
        plan_id: teacherPlan,
        kind: 'teacher',
        teacher_name: name,
        course,
        provider,
        start_date: '2026-07-13',
        days,
        hours,
        fee_fen: fee,
        standard_fen: trainingFeeStandardFen(days),
        fee_above_standard: feeAboveStandard(fee, days),
        workload_hours: hours,
        created_at: now,
        created_by: school?.id ?? null,
      })
      .execute();
  const evidence = await storeFile(db, tinyPdf('考评员证书'), '考评员证书.pdf', 'application/pdf', now, {
    provinceCode: gzcp.province_code,
    schoolId: gzcp.id,
  });
  await db
    .insertInto('teacher_qualifications')
    .values({
      province_code: gzcp.province_code,
      city_code: gzcp.city_code,
      school_id: gzcp.id,
      teacher_name: '陈志强',
      kind: 'assessor',
      certificate_type_id: pilot.certificate_type_id,
      level: 'intermediate',
      number: 'KPY-IR-2025-0316',
      issued_on: '2025-11-20',
      evidence_file_id: evidence,
      created_at: now,
      created_by: school?.id ?? null,
    })
    .execute();
}

async function seedDemoConsultations(db: Kysely<DB>, now: Date) {
  const org = await db.selectFrom('evaluation_orgs').select(['id']).where('code', '=', 'ORG-BIM').executeTakeFirst();
  const asker = await db.selectFrom('users').select(['id', 'school_id']).where('username', '=', 'gdst-admin').executeTakeFirst();
  const orgAdmin = await db.selectFrom('users').select('id').where('username', '=', 'org-bim').executeTakeFirst();
  if (!org || !asker) return;
  const bim = await db.selectFrom('certificate_types').select('id').where('org_id', '=', org.id).executeTakeFirst();
  await db
    .insertInto('consultations')
    .values([
      {
        org_id: org.id,
        certificate_type_id: bim?.id ?? null,
        asker_user_id: asker.id,
        asker_role: 'school_admin',
        school_id: asker.school_id,
        province_code: '440000',
        question: 'BIM 证书中级考核对考核站点的计算机配置有什么要求？',
        answer: '考核站点每个工位的计算机须满足建模软件的推荐配置（16 GB 内存、独立显卡），详见考核站点建设标准。',
        answered_at: now,
        answered_by: orgAdmin?.id ?? null,
        published: true,
        asked_at: now,
      },
      {
        org_id: org.id,
        certificate_type_id: bim?.id ?? null,
        asker_user_id: asker.id,
        asker_role: 'school_admin',
        school_id: asker.school_id,
        province_code: '440000',
        question: '教师参加 BIM 师资培训后，是否可以直接申请考评员资格？',
        asked_at: now,
      },
    ])
    .execute();
}
