import type { CertificateLevel } from '@onex/shared';
import { type Kysely, type Transaction, sql } from 'kysely';
import type { Actor } from '../../auth/actor';
import type { DB } from '../../db/schema';
import { filingVisibleTo } from '../filings/filings.queries';

type Db = Kysely<DB>;
type Tx = Transaction<DB>;

/** Approved pilots (published with an approval) of years before `year` that the actor can see, with their plan of `year`. */
export async function pilotsWithPlan(db: Db, actor: Actor, year: number, page: number, pageSize: number) {
  const q = db
    .selectFrom('filings')
    .innerJoin('schools as s', 's.id', 'filings.school_id')
    .innerJoin('departments as d', 'd.id', 'filings.department_id')
    .innerJoin('certificate_types as ct', 'ct.id', 'filings.certificate_type_id')
    .leftJoin('filing_annual_plans as p', (j) => j.onRef('p.filing_id', '=', 'filings.id').on('p.year', '=', year))
    .where(filingVisibleTo(actor))
    .where('filings.status', '=', 'published')
    .where('filings.decision', '=', 'approved')
    .where('filings.year', '<', year);
  const [items, total] = await Promise.all([
    q
      .select([
        'filings.id as filing_id',
        'filings.year as filing_year',
        'filings.school_id',
        'filings.certificate_type_id',
        'filings.levels',
        'filings.pilot_ended_year',
        's.name as school_name',
        'd.name as department_name',
        'ct.name as certificate_type_name',
        'p.id as plan_id',
      ])
      .orderBy('s.name')
      .orderBy('ct.name')
      .orderBy('filings.id')
      .limit(pageSize)
      .offset((page - 1) * pageSize)
      .execute(),
    q.select((eb) => eb.fn.countAll<string>().as('n')).executeTakeFirstOrThrow(),
  ]);
  return { items, total: Number(total.n) };
}

export function majorsOf(db: Db, filingIds: readonly string[]) {
  if (filingIds.length === 0) return Promise.resolve([]);
  return db
    .selectFrom('filing_majors')
    .select(['filing_id', 'school_major_id', 'major_name', 'planned_trainees'])
    .where('filing_id', 'in', [...filingIds])
    .orderBy('filing_id')
    .orderBy('sort_order')
    .execute();
}

export function plansByIds(db: Db, ids: readonly string[]) {
  if (ids.length === 0) return Promise.resolve([]);
  return db
    .selectFrom('filing_annual_plans')
    .selectAll()
    .where('id', 'in', [...ids])
    .execute();
}
export type PlanRow = Awaited<ReturnType<typeof plansByIds>>[number];

export function planOf(db: Db, filingId: string, year: number) {
  return db.selectFrom('filing_annual_plans').selectAll().where('filing_id', '=', filingId).where('year', '=', year).executeTakeFirst();
}

export interface PlanValues {
  filingId: string;
  provinceCode: string;
  cityCode: string;
  schoolId: string;
  certificateTypeId: string;
  year: number;
  mode: 'new' | 'carry_forward' | 'discontinue';
  rows: { schoolMajorId: string; majorName: string; level: CertificateLevel | null; plannedCandidates: number }[];
  carriedFromPlanId: string | null;
  at: Date;
  by: string;
}

/** Files (or refiles) the plan of a filing × year. */
export async function upsertPlan(trx: Tx, v: PlanValues) {
  const planned = v.rows.reduce((s, r) => s + r.plannedCandidates, 0);
  const values = {
    mode: v.mode,
    planned_candidates: planned,
    carried_from_plan_id: v.carriedFromPlanId,
    majors: JSON.stringify(v.rows),
    status: 'submitted' as const,
    updated_at: v.at,
    submitted_at: v.at,
  };
  const r = await trx
    .insertInto('filing_annual_plans')
    .values({
      filing_id: v.filingId,
      province_code: v.provinceCode,
      city_code: v.cityCode,
      school_id: v.schoolId,
      certificate_type_id: v.certificateTypeId,
      year: v.year,
      created_at: v.at,
      created_by: v.by,
      ...values,
    })
    .onConflict((c) => c.columns(['filing_id', 'year']).doUpdateSet(values))
    .returningAll()
    .executeTakeFirstOrThrow();
  return r;
}

/** R3.8: a discontinued certificate's pilot ends with the plan's year. */
export async function endPilot(trx: Tx, filingId: string, year: number, at: Date) {
  await trx
    .updateTable('filings')
    .set({ pilot_ended_year: year, pilot_ended_at: at, updated_at: at })
    .where('id', '=', filingId)
    .where(sql<boolean>`pilot_ended_year IS NULL`)
    .execute();
}
