import type { InvigilatorRole } from '@onex/shared';
import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema';

/** Invigilation (R5.4): Kysely only. */

function base(db: Kysely<DB>) {
  return db
    .selectFrom('exam_invigilations')
    .innerJoin('schools', 'schools.id', 'exam_invigilations.school_id')
    .leftJoin('departments', 'departments.id', 'exam_invigilations.department_id')
    .selectAll('exam_invigilations')
    .select(['schools.name as school_name', 'departments.name as department_name']);
}
export type InvigilationRow = Awaited<ReturnType<ReturnType<typeof base>['executeTakeFirstOrThrow']>>;

export function listForSession(db: Kysely<DB>, sessionId: string) {
  return base(db)
    .where('exam_invigilations.session_id', '=', sessionId)
    .orderBy('exam_invigilations.created_at')
    .orderBy('exam_invigilations.id')
    .execute();
}

export function findInvigilation(db: Kysely<DB>, id: string) {
  return base(db).where('exam_invigilations.id', '=', id).executeTakeFirst();
}

export async function lockInvigilation(db: Kysely<DB>, id: string): Promise<string | undefined> {
  const r = await db.selectFrom('exam_invigilations').select('session_id').where('id', '=', id).forUpdate().executeTakeFirst();
  return r?.session_id;
}

export function departmentOf(db: Kysely<DB>, id: string) {
  return db.selectFrom('departments').select(['id', 'school_id']).where('id', '=', id).executeTakeFirst();
}

export async function insertInvigilation(
  db: Kysely<DB>,
  v: {
    session_id: string;
    school_id: string;
    department_id: string | null;
    province_code: string;
    invigilator_name: string;
    role: InvigilatorRole;
    fee_fen: number;
    created_at: Date;
    created_by: string;
  },
): Promise<string> {
  const r = await db.insertInto('exam_invigilations').values(v).returning('id').executeTakeFirstOrThrow();
  return r.id;
}

export async function deleteInvigilation(db: Kysely<DB>, id: string): Promise<void> {
  await db.deleteFrom('exam_invigilations').where('id', '=', id).execute();
}
