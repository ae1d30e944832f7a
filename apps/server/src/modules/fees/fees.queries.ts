import { SETTLEABLE_SESSION_STATUSES } from '@onex/shared';
import { type Kysely, sql } from 'kysely';
import type { Scope } from '../../auth/scope';
import type { DB } from '../../db/schema';
import { scopeWhere } from '../../db/scope-filter';

const SETTLEMENT_SCOPE_COLUMNS = {
  provinceCode: 'fee_settlements.province_code',
  cityCode: 'schools.city_code',
  schoolId: 'fee_settlements.school_id',
  orgId: 'fee_settlements.org_id',
} as const;

/** Per school: the registered candidates' fees of one session (status 'registered' only). */
export function registeredFeeLines(db: Kysely<DB>, sessionId: string) {
  return db
    .selectFrom('exam_registrations')
    .select(['school_id', 'fee_fen', 'fee_exempt'])
    .where('session_id', '=', sessionId)
    .where('status', '=', 'registered')
    .where('school_id', 'is not', null)
    .execute();
}

export function findSession(db: Kysely<DB>, sessionId: string) {
  return db.selectFrom('exam_sessions').select(['id', 'status', 'org_id', 'province_code']).where('id', '=', sessionId).executeTakeFirst();
}

/** Settleable sessions (examined or later) in the scope's reach that have registered candidates without a settlement row. */
export async function sessionsMissingSettlements(
  db: Kysely<DB>,
  f: { sessionId?: string | undefined; schoolId?: string | undefined; orgId?: string | undefined },
) {
  let q = db
    .selectFrom('exam_registrations as r')
    .innerJoin('exam_sessions as s', 's.id', 'r.session_id')
    .select('r.session_id')
    .distinct()
    .where('r.status', '=', 'registered')
    .where('r.school_id', 'is not', null)
    .where('s.status', 'in', [...SETTLEABLE_SESSION_STATUSES])
    .where(({ not, exists, selectFrom }) =>
      not(
        exists(
          selectFrom('fee_settlements as fs')
            .select('fs.id')
            .whereRef('fs.session_id', '=', 'r.session_id')
            .whereRef('fs.school_id', '=', 'r.school_id'),
        ),
      ),
    );
  if (f.sessionId) q = q.where('r.session_id', '=', f.sessionId);
  if (f.schoolId) q = q.where('r.school_id', '=', f.schoolId);
  if (f.orgId) q = q.where('r.org_id', '=', f.orgId);
  return (await q.execute()).map((r) => r.session_id);
}

/** Inserts or refreshes a school's open settlement of a session; a settled one is never changed. */
export async function upsertSettlement(
  db: Kysely<DB>,
  v: {
    sessionId: string;
    schoolId: string;
    orgId: string;
    provinceCode: string;
    dueFen: number;
    exemptCount: number;
    registeredCount: number;
    at: Date;
  },
): Promise<void> {
  await db
    .insertInto('fee_settlements')
    .values({
      session_id: v.sessionId,
      school_id: v.schoolId,
      org_id: v.orgId,
      province_code: v.provinceCode,
      due_fen: v.dueFen,
      exempt_count: v.exemptCount,
      registered_count: v.registeredCount,
      computed_at: v.at,
    })
    .onConflict((c) =>
      c
        .columns(['session_id', 'school_id'])
        .doUpdateSet({ due_fen: v.dueFen, exempt_count: v.exemptCount, registered_count: v.registeredCount, computed_at: v.at })
        .where('fee_settlements.settled_at', 'is', null),
    )
    .execute();
}

function settlementsBase(db: Kysely<DB>) {
  return db
    .selectFrom('fee_settlements')
    .innerJoin('exam_sessions', 'exam_sessions.id', 'fee_settlements.session_id')
    .innerJoin('certificate_types', 'certificate_types.id', 'exam_sessions.certificate_type_id')
    .innerJoin('schools', 'schools.id', 'fee_settlements.school_id')
    .innerJoin('evaluation_orgs', 'evaluation_orgs.id', 'fee_settlements.org_id')
    .selectAll('fee_settlements')
    .select([
      'exam_sessions.level',
      'exam_sessions.exam_date',
      'exam_sessions.status as session_status',
      'certificate_types.name as certificate_type_name',
      'schools.name as school_name',
      'schools.city_code',
      'evaluation_orgs.name as org_name',
    ]);
}
export type SettlementRow = Awaited<ReturnType<ReturnType<typeof settlementsBase>['executeTakeFirstOrThrow']>>;

export function findSettlement(db: Kysely<DB>, id: string) {
  return settlementsBase(db).where('fee_settlements.id', '=', id).executeTakeFirst();
}

export async function lockSettlement(db: Kysely<DB>, id: string) {
  return db.selectFrom('fee_settlements').select(['id', 'settled_at']).where('id', '=', id).forUpdate().executeTakeFirst();
}

export async function markSettled(db: Kysely<DB>, id: string, by: string, at: Date, note: string | null): Promise<boolean> {
  const r = await db
    .updateTable('fee_settlements')
    .set({ settled_at: at, settled_by: by, note })
    .where('id', '=', id)
    .where('settled_at', 'is', null)
    .executeTakeFirst();
  return Number(r.numUpdatedRows) === 1;
}

export async function listSettlements(
  db: Kysely<DB>,
  scope: Scope,
  f: { sessionId?: string | undefined; schoolId?: string | undefined; settled?: boolean | undefined },
  page: number,
  pageSize: number,
) {
  let q = settlementsBase(db).where(scopeWhere(scope, SETTLEMENT_SCOPE_COLUMNS));
  if (f.sessionId) q = q.where('fee_settlements.session_id', '=', f.sessionId);
  if (f.schoolId) q = q.where('fee_settlements.school_id', '=', f.schoolId);
  if (f.settled !== undefined) q = q.where('fee_settlements.settled_at', f.settled ? 'is not' : 'is', null);
  const [items, total] = await Promise.all([
    q
      .orderBy('exam_sessions.exam_date', 'desc')
      .orderBy('schools.name')
      .orderBy('fee_settlements.id')
      .limit(pageSize)
      .offset((page - 1) * pageSize)
      .execute(),
    q
      .clearSelect()
      .select((eb) => eb.fn.countAll<string>().as('n'))
      .executeTakeFirstOrThrow(),
  ]);
  return { items, total: Number(total.n) };
}

export function findSchool(db: Kysely<DB>, id: string) {
  return db.selectFrom('schools').select(['id', 'name', 'province_code', 'city_code']).where('id', '=', id).executeTakeFirst();
}

/**
 * R4.3 warning: a school's pilot students without a paid exam. `unsettled`: registered for exams that took place,
 * none of them in a settled settlement; `not_registered`: no registration at all yet.
 */
export async function pilotStudentsWithoutPaidExam(db: Kysely<DB>, schoolId: string) {
  const rows = await db
    .selectFrom('learners as l')
    .select([
      'l.id',
      'l.name',
      'l.class_name',
      'l.school_major_id',
      sql<number>`(select count(*) from exam_registrations r where r.learner_id = l.id and r.status = 'registered')`.as('registered'),
      sql<number>`(select count(*) from exam_registrations r join fee_settlements fs
        on fs.session_id = r.session_id and fs.school_id = r.school_id and fs.settled_at is not null
        where r.learner_id = l.id and r.status = 'registered')`.as('paid'),
    ])
    .where('l.school_id', '=', schoolId)
    .where('l.kind', '=', 'pilot_student')
    .orderBy('l.class_name')
    .orderBy('l.name')
    .execute();
  return rows.map((r) => ({ ...r, registered: Number(r.registered), paid: Number(r.paid) })).filter((r) => r.paid === 0);
}
