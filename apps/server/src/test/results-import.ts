import { type ExamSessionStatus, idCardCheckChar } from '@onex/shared';
import ExcelJS from 'exceljs';
import { hashPassword } from '../auth/password';
import { DEMO_PASSWORD } from '../db/seed/demo';
import type { Db } from '../db/types';
import { protectIdNumber } from '../lib/personal-id';

/** Test helpers of the results import (R5.5, R5.6): an examined session of registered candidates, and results files. */

export interface Candidate {
  registrationId: string;
  learnerId: string;
  name: string;
  idNumber: string;
}

export interface ResultsFixture {
  sessionId: string;
  orgId: string;
  certificateTypeId: string;
  schoolId: string;
  candidates: Candidate[];
}

const NAMES = ['赵一', '钱二', '孙三', '李四', '周五', '吴六', '郑七', '王八', '冯九', '陈十'];

/** The org_admin account of the organization of 工业机器人应用编程 used by the results tests (password DEMO_PASSWORD). */
export const RESULTS_ORG_USERNAME = 'results-org';

/** Creates `results-org` (org_admin of the IR-PROG organization) once; log in with it. */
export async function ensureResultsOrgAdmin(db: Db): Promise<void> {
  const ct = await db.selectFrom('certificate_types').select('org_id').where('code', '=', 'IR-PROG').executeTakeFirstOrThrow();
  const exists = await db.selectFrom('users').select('id').where('username', '=', RESULTS_ORG_USERNAME).executeTakeFirst();
  if (exists) return;
  await db
    .insertInto('users')
    .values({
      username: RESULTS_ORG_USERNAME,
      display_name: '工业机器人应用编程证书培训评价组织（测试）',
      password_hash: await hashPassword(DEMO_PASSWORD),
      role: 'org_admin',
      org_id: ct.org_id,
      created_at: new Date(),
    })
    .execute();
}

/** A valid 居民身份证 number born in 1999 (no demo learner is), distinct per `seq`. */
export function fixtureIdNumber(seq: number): string {
  const first17 = `440103${String(19990101 + (seq % 28))}${String(seq).padStart(3, '0')}`.slice(0, 17);
  return first17 + idCardCheckChar(first17);
}

/**
 * A session of 工业机器人应用编程 中级 (organization of `org-robot`, pass mark 60) at the demo site, in `status`
 * (examined by default), with `count` registered candidates of 广州城市职业学院; ID numbers from `seqBase`.
 */
export async function createExaminedSession(
  db: Db,
  secretKey: Buffer,
  o: { count: number; seqBase: number; examDate?: string; status?: ExamSessionStatus; extraStatuses?: ('proposed' | 'withdrawn')[] },
): Promise<ResultsFixture> {
  const ct = await db.selectFrom('certificate_types').select(['id', 'org_id']).where('code', '=', 'IR-PROG').executeTakeFirstOrThrow();
  const school = await db
    .selectFrom('schools')
    .select(['id', 'province_code', 'city_code'])
    .where('name', '=', '广州城市职业学院')
    .executeTakeFirstOrThrow();
  const site =
    (await db.selectFrom('exam_sites').select('id').where('certificate_type_id', '=', ct.id).executeTakeFirst()) ??
    (await db
      .insertInto('exam_sites')
      .values({
        org_id: ct.org_id,
        school_id: school.id,
        province_code: school.province_code,
        city_code: school.city_code,
        certificate_type_id: ct.id,
        name: '成绩导入测试考核站点',
        address: '广州',
        capacity: 1000,
        status: 'approved',
        created_at: new Date(),
      })
      .returning('id')
      .executeTakeFirstOrThrow());
  const filing = await db
    .selectFrom('filings')
    .select('id')
    .where('school_id', '=', school.id)
    .where('certificate_type_id', '=', ct.id)
    .where('decision', '=', 'approved')
    .executeTakeFirst();
  const now = new Date();
  const session = await db
    .insertInto('exam_sessions')
    .values({
      org_id: ct.org_id,
      certificate_type_id: ct.id,
      level: 'intermediate',
      exam_site_id: site.id,
      province_code: school.province_code,
      city_code: school.city_code,
      exam_date: o.examDate ?? '2026-06-20',
      exam_form: 'computer',
      capacity: Math.max(1, o.count + 10),
      registration_opens_at: new Date('2026-04-01T00:00:00Z'),
      registration_closes_at: new Date('2026-05-01T00:00:00Z'),
      status: o.status ?? 'examined',
      created_at: now,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  const candidates: Candidate[] = [];
  const statuses = [...Array<'registered'>(o.count).fill('registered'), ...(o.extraStatuses ?? [])];
  for (const [i, status] of statuses.entries()) {
    const idNumber = fixtureIdNumber(o.seqBase + i);
    const name = NAMES[i % NAMES.length]! + (i >= NAMES.length ? String(i) : '');
    const l = await db
      .insertInto('learners')
      .values({
        kind: 'pilot_student',
        school_id: school.id,
        province_code: school.province_code,
        city_code: school.city_code,
        name,
        id_type: 'id_card',
        ...protectIdNumber(secretKey, idNumber),
        created_at: now,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    const consented = status === 'registered';
    const r = await db
      .insertInto('exam_registrations')
      .values({
        session_id: session.id,
        learner_id: l.id,
        school_id: school.id,
        filing_id: filing?.id ?? null,
        province_code: school.province_code,
        org_id: ct.org_id,
        status,
        consent_at: consented ? now : null,
        consent_via: consented ? 'learner' : null,
        created_at: now,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    candidates.push({ registrationId: r.id, learnerId: l.id, name, idNumber });
  }
  return { sessionId: session.id, orgId: ct.org_id, certificateTypeId: ct.id, schoolId: school.id, candidates };
}

export type ResultLine = [idType: string, idNumber: string, name: string, score: string | number, result: string];
export const HEADER = ['证件类型', '证件号码', '姓名', '总成绩', '考核结果'] as const;

/** Result lines for candidates: score per candidate, 合格 at 60 or more. */
export function linesFor(candidates: Candidate[], score: (i: number) => number): ResultLine[] {
  return candidates.map((c, i) => {
    const s = score(i);
    return ['居民身份证', c.idNumber, c.name, s, s >= 60 ? '合格' : '不合格'];
  });
}

export function csvFile(lines: ResultLine[], header: readonly string[] = HEADER): Buffer {
  const esc = (v: string | number) => (/[",\r\n]/.test(String(v)) ? `"${String(v).replace(/"/g, '""')}"` : String(v));
  return Buffer.from('\uFEFF' + [header, ...lines].map((l) => l.map(esc).join(',')).join('\r\n') + '\r\n', 'utf8');
}

/** An .xlsx results file; ID numbers are text cells, scores numbers (as a person would type them). */
export async function xlsxFile(lines: ResultLine[], header: readonly string[] = HEADER): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('成绩');
  ws.addRow([...header]);
  for (const l of lines) ws.addRow([l[0], l[1], l[2], typeof l[3] === 'string' && /^\d+(\.\d)?$/.test(l[3]) ? Number(l[3]) : l[3], l[4]]);
  return Buffer.from(await wb.xlsx.writeBuffer());
}
