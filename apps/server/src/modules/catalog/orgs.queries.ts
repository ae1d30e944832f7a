import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema';
import { containsPattern } from '../../db/list-query';

type Db = Kysely<DB>;

const ORG_COLUMNS = [
  'id',
  'code',
  'name',
  'short_name',
  'address',
  'postcode',
  'website',
  'description',
  'to_be_confirmed',
  'updated_at',
] as const;

export async function listOrgs(db: Db, f: { q?: string | undefined }, page: number, pageSize: number) {
  let q = db.selectFrom('evaluation_orgs');
  if (f.q) {
    const like = containsPattern(f.q);
    q = q.where((eb) => eb.or([eb('name', 'ilike', like), eb('code', 'ilike', like), eb('short_name', 'ilike', like)]));
  }
  const [items, total] = await Promise.all([
    q
      .select(ORG_COLUMNS)
      .orderBy('code')
      .limit(pageSize)
      .offset((page - 1) * pageSize)
      .execute(),
    q.select((eb) => eb.fn.countAll<string>().as('n')).executeTakeFirstOrThrow(),
  ]);
  return { items, total: Number(total.n) };
}

export function findOrg(db: Db, id: string) {
  return db.selectFrom('evaluation_orgs').select(ORG_COLUMNS).where('id', '=', id).executeTakeFirst();
}
export type OrgRow = NonNullable<Awaited<ReturnType<typeof findOrg>>>;

export async function orgTaken(db: Db, f: { code?: string | undefined; name?: string | undefined }, exceptId?: string) {
  if (!f.code && !f.name) return false;
  let q = db
    .selectFrom('evaluation_orgs')
    .select('id')
    .where((eb) => eb.or([...(f.code ? [eb('code', '=', f.code)] : []), ...(f.name ? [eb('name', '=', f.name)] : [])]));
  if (exceptId) q = q.where('id', '<>', exceptId);
  return !!(await q.executeTakeFirst());
}

export interface OrgValues {
  code: string;
  name: string;
  shortName: string | null;
  address: string | null;
  postcode: string | null;
  website: string | null;
  description: string | null;
  toBeConfirmed: boolean;
}

const orgColumns = (v: Partial<OrgValues>) => ({
  ...(v.code !== undefined && { code: v.code }),
  ...(v.name !== undefined && { name: v.name }),
  ...(v.shortName !== undefined && { short_name: v.shortName }),
  ...(v.address !== undefined && { address: v.address }),
  ...(v.postcode !== undefined && { postcode: v.postcode }),
  ...(v.website !== undefined && { website: v.website }),
  ...(v.description !== undefined && { description: v.description }),
  ...(v.toBeConfirmed !== undefined && { to_be_confirmed: v.toBeConfirmed }),
});

export async function insertOrg(db: Db, v: OrgValues, at: Date): Promise<string> {
  const r = await db
    .insertInto('evaluation_orgs')
    .values({ ...orgColumns(v), code: v.code, name: v.name, updated_at: at })
    .returning('id')
    .executeTakeFirstOrThrow();
  return r.id;
}

/** Inserts or updates an organization by its code (seed data). */
export async function upsertOrgByCode(db: Db, v: OrgValues): Promise<string> {
  const r = await db
    .insertInto('evaluation_orgs')
    .values({ ...orgColumns(v), code: v.code, name: v.name })
    .onConflict((c) => c.column('code').doUpdateSet(orgColumns(v)))
    .returning('id')
    .executeTakeFirstOrThrow();
  return r.id;
}

export async function updateOrg(db: Db, id: string, v: Partial<OrgValues>, at: Date) {
  await db
    .updateTable('evaluation_orgs')
    .set({ ...orgColumns(v), updated_at: at })
    .where('id', '=', id)
    .execute();
}

// ---- contacts (003 附件1 联系人信息表) ----

function contactBase(db: Db) {
  return db
    .selectFrom('evaluation_org_contacts as c')
    .leftJoin('certificate_types as t', 't.id', 'c.certificate_type_id')
    .select([
      'c.id',
      'c.org_id',
      'c.certificate_type_id',
      't.name as certificate_type_name',
      'c.contact_name',
      'c.office_phone',
      'c.mobile',
      'c.fax',
      'c.email',
      'c.address',
      'c.postcode',
    ])
    .orderBy('c.sort_order')
    .orderBy('c.created_at');
}
export type ContactRow = Awaited<ReturnType<ReturnType<typeof contactBase>['executeTakeFirstOrThrow']>>;

export function listContacts(db: Db, orgId: string) {
  return contactBase(db).where('c.org_id', '=', orgId).execute();
}

/** Contacts for one certificate type: its own, and the organization's general ones. */
export function contactsForType(db: Db, orgId: string, typeId: string) {
  return contactBase(db)
    .where('c.org_id', '=', orgId)
    .where((eb) => eb.or([eb('c.certificate_type_id', '=', typeId), eb('c.certificate_type_id', 'is', null)]))
    .execute();
}

export function findContact(db: Db, orgId: string, id: string) {
  return contactBase(db).where('c.org_id', '=', orgId).where('c.id', '=', id).executeTakeFirst();
}

export interface ContactValues {
  certificateTypeId: string | null;
  contactName: string;
  officePhone: string | null;
  mobile: string | null;
  fax: string | null;
  email: string | null;
  address: string | null;
  postcode: string | null;
}

const contactColumns = (v: Partial<ContactValues>) => ({
  ...(v.certificateTypeId !== undefined && { certificate_type_id: v.certificateTypeId }),
  ...(v.contactName !== undefined && { contact_name: v.contactName }),
  ...(v.officePhone !== undefined && { office_phone: v.officePhone }),
  ...(v.mobile !== undefined && { mobile: v.mobile }),
  ...(v.fax !== undefined && { fax: v.fax }),
  ...(v.email !== undefined && { email: v.email }),
  ...(v.address !== undefined && { address: v.address }),
  ...(v.postcode !== undefined && { postcode: v.postcode }),
});

export async function insertContact(db: Db, orgId: string, v: ContactValues, sortOrder: number, at: Date): Promise<string> {
  const r = await db
    .insertInto('evaluation_org_contacts')
    .values({ ...contactColumns(v), org_id: orgId, contact_name: v.contactName, sort_order: sortOrder, created_at: at, updated_at: at })
    .returning('id')
    .executeTakeFirstOrThrow();
  return r.id;
}

export async function nextContactOrder(db: Db, orgId: string) {
  const r = await db
    .selectFrom('evaluation_org_contacts')
    .select((eb) => eb.fn.max('sort_order').as('m'))
    .where('org_id', '=', orgId)
    .executeTakeFirst();
  return (r?.m ?? 0) + 1;
}

export async function updateContact(db: Db, id: string, v: Partial<ContactValues>, at: Date) {
  await db
    .updateTable('evaluation_org_contacts')
    .set({ ...contactColumns(v), updated_at: at })
    .where('id', '=', id)
    .execute();
}

export async function deleteContact(db: Db, id: string) {
  await db.deleteFrom('evaluation_org_contacts').where('id', '=', id).execute();
}

/** The type's organization, to check that a contact's certificate belongs to the contact's organization. */
export function typeOrg(db: Db, typeId: string) {
  return db.selectFrom('certificate_types').select(['id', 'org_id']).where('id', '=', typeId).executeTakeFirst();
}
