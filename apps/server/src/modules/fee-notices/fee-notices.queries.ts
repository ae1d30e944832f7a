import type { CertificateLevel } from '@onex/shared';
import { type Kysely, sql } from 'kysely';
import type { DB } from '../../db/schema';

/** Fee notices (issue 17 item 6): Kysely only. */

type Db = Kysely<DB>;

export function certificateTypeOf(db: Db, id: string) {
  return db.selectFrom('certificate_types').select(['id', 'org_id', 'status', 'name', 'code']).where('id', '=', id).executeTakeFirst();
}

export async function insertNotice(
  db: Db,
  v: {
    orgId: string;
    certificateTypeId: string;
    level: CertificateLevel;
    schoolFeeFen: number | null;
    socialFeeFen: number | null;
    capFen: number;
    effectiveOn: string;
    note: string | null;
    at: Date;
    by: string | null;
  },
): Promise<string> {
  const r = await db
    .insertInto('org_fee_notices')
    .values({
      org_id: v.orgId,
      certificate_type_id: v.certificateTypeId,
      level: v.level,
      school_fee_fen: v.schoolFeeFen,
      social_fee_fen: v.socialFeeFen,
      cap_fen: v.capFen,
      effective_on: v.effectiveOn,
      note: v.note,
      published_at: v.at,
      published_by: v.by,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return r.id;
}

/** The notice of a level in force on a date (YYYY-MM-DD): the latest effective by then, the last published first. */
export function noticeInForce(db: Db, certificateTypeId: string, level: CertificateLevel, date: string) {
  return db
    .selectFrom('org_fee_notices')
    .select(['id', 'org_id', 'school_fee_fen', 'social_fee_fen', 'cap_fen', 'effective_on', 'published_at'])
    .where('certificate_type_id', '=', certificateTypeId)
    .where('level', '=', level)
    .where('effective_on', '<=', date)
    .orderBy('effective_on', 'desc')
    .orderBy('published_at', 'desc')
    .limit(1)
    .executeTakeFirst();
}

/** The id of the notice in force for the row's level on `date`, as SQL over the alias `n`. */
const inForceId = (date: string) => sql<string>`(
  SELECT m.id FROM org_fee_notices m
  WHERE m.certificate_type_id = n.certificate_type_id AND m.level = n.level AND m.effective_on <= ${date}::date
  ORDER BY m.effective_on DESC, m.published_at DESC LIMIT 1)`;

/** `in_force` | `scheduled` | `superseded` of the row `n` on `date`. */
const stateOf = (date: string) =>
  sql<'in_force' | 'scheduled' | 'superseded'>`CASE WHEN n.id = ${inForceId(date)} THEN 'in_force'
    WHEN n.effective_on > ${date}::date THEN 'scheduled' ELSE 'superseded' END`;

export async function listNotices(
  db: Db,
  date: string,
  f: {
    orgId?: string | undefined;
    certificateTypeId?: string | undefined;
    level?: CertificateLevel | undefined;
    state?: 'in_force' | 'scheduled' | 'superseded' | undefined;
    publishedOnly?: boolean;
  },
  page: number,
  pageSize: number,
) {
  let q = db
    .selectFrom('org_fee_notices as n')
    .innerJoin('certificate_types as ct', 'ct.id', 'n.certificate_type_id')
    .innerJoin('evaluation_orgs as o', 'o.id', 'n.org_id');
  if (f.orgId) q = q.where('n.org_id', '=', f.orgId);
  if (f.certificateTypeId) q = q.where('n.certificate_type_id', '=', f.certificateTypeId);
  if (f.level) q = q.where('n.level', '=', f.level);
  if (f.state) q = q.where(stateOf(date), '=', f.state);
  // The public sees the notices of certificates in the published catalog only.
  if (f.publishedOnly) q = q.where('ct.status', 'in', ['published', 'suspended']);
  const [items, total] = await Promise.all([
    q
      .select([
        'n.id',
        'n.org_id',
        'o.name as org_name',
        'n.certificate_type_id',
        'ct.name as certificate_type_name',
        'ct.code as certificate_type_code',
        'n.level',
        'n.school_fee_fen',
        'n.social_fee_fen',
        'n.cap_fen',
        'n.effective_on',
        'n.note',
        'n.published_at',
        stateOf(date).as('state'),
      ])
      .orderBy('ct.name')
      .orderBy(sql`array_position(ARRAY['junior','intermediate','senior'], n.level)`)
      .orderBy('n.effective_on', 'desc')
      .orderBy('n.published_at', 'desc')
      .limit(pageSize)
      .offset((page - 1) * pageSize)
      .execute(),
    q.select((eb) => eb.fn.countAll<string>().as('n')).executeTakeFirstOrThrow(),
  ]);
  return { items, total: Number(total.n) };
}
export type NoticeRow = Awaited<ReturnType<typeof listNotices>>['items'][number];
