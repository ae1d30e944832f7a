import type {
  ContactDto,
  ContactInput,
  CreateEvaluationOrgRequest,
  EvaluationOrgDetailDto,
  EvaluationOrgDto,
  Page,
  UpdateEvaluationOrgRequest,
} from '@onex/shared';
import { type Actor, type RequestContext, requireActor } from '../../auth/actor';
import type { Db } from '../../db/types';
import type { Deps } from '../../lib/deps';
import { AppError, notFound } from '../../lib/errors';
import { recordAudit } from '../audit/audit.service';
import { editableOrgFields, holdsOrg, lockedFields, orgAllowedActions, requestedFields } from './catalog.policy';
import * as q from './orgs.queries';

/** Evaluation organizations 培训评价组织 and their contacts (R1.3, `003 附件1`). */

function toOrgDto(actor: Actor | null, r: q.OrgRow): EvaluationOrgDto {
  return {
    id: r.id,
    code: r.code,
    name: r.name,
    shortName: r.short_name,
    address: r.address,
    postcode: r.postcode,
    website: r.website,
    description: r.description,
    toBeConfirmed: r.to_be_confirmed,
    updatedAt: r.updated_at.toISOString(),
    allowedActions: orgAllowedActions(actor, r.id),
  };
}

export function toContactDto(c: q.ContactRow): ContactDto {
  return {
    id: c.id,
    orgId: c.org_id,
    certificateTypeId: c.certificate_type_id,
    certificateTypeName: c.certificate_type_name,
    contactName: c.contact_name,
    officePhone: c.office_phone,
    mobile: c.mobile,
    fax: c.fax,
    email: c.email,
    address: c.address,
    postcode: c.postcode,
  };
}

export async function listOrgs(
  deps: Deps,
  ctx: RequestContext,
  f: { q?: string | undefined },
  page: number,
  pageSize: number,
): Promise<Page<EvaluationOrgDto>> {
  const actor = requireActor(ctx);
  const { items, total } = await q.listOrgs(deps.db, f, page, pageSize);
  return { items: items.map((r) => toOrgDto(actor, r)), total, page, pageSize };
}

export async function getOrg(deps: Deps, ctx: RequestContext, id: string): Promise<EvaluationOrgDetailDto> {
  const actor = requireActor(ctx);
  const r = await q.findOrg(deps.db, id);
  if (!r) throw notFound();
  return { ...toOrgDto(actor, r), contacts: (await q.listContacts(deps.db, id)).map(toContactDto) };
}

export async function createOrg(deps: Deps, ctx: RequestContext, input: CreateEvaluationOrgRequest): Promise<EvaluationOrgDetailDto> {
  requireActor(ctx, ['national_admin']);
  if (await q.orgTaken(deps.db, input)) throw new AppError('EVALUATION_ORG_TAKEN');
  const now = deps.clock.now();
  const id = await deps.db.transaction().execute(async (trx) => {
    const id = await q.insertOrg(
      trx,
      {
        code: input.code,
        name: input.name,
        shortName: input.shortName ?? null,
        address: input.address ?? null,
        postcode: input.postcode ?? null,
        website: input.website ?? null,
        description: input.description ?? null,
        toBeConfirmed: input.toBeConfirmed ?? false,
      },
      now,
    );
    await recordAudit(trx, ctx, now, {
      action: 'evaluation_org.create',
      targetType: 'evaluation_org',
      targetId: id,
      summary: { ...input },
      scope: { orgId: id },
    });
    return id;
  });
  return getOrg(deps, ctx, id);
}

/** The organization the actor may write to: 404 when unknown or outside its scope. */
async function heldOrg(db: Db, actor: Actor, id: string): Promise<q.OrgRow> {
  const r = await q.findOrg(db, id);
  if (!r || !holdsOrg(actor, id)) throw notFound();
  return r;
}

export async function updateOrg(
  deps: Deps,
  ctx: RequestContext,
  id: string,
  input: UpdateEvaluationOrgRequest,
): Promise<EvaluationOrgDetailDto> {
  const actor = requireActor(ctx);
  const org = await heldOrg(deps.db, actor, id);
  const locked = lockedFields(requestedFields(input), editableOrgFields(actor, id));
  if (locked.length) throw new AppError('FORBIDDEN', { fields: locked });
  if (input.name && (await q.orgTaken(deps.db, { name: input.name }, id))) throw new AppError('EVALUATION_ORG_TAKEN');
  const now = deps.clock.now();
  await deps.db.transaction().execute(async (trx) => {
    await q.updateOrg(trx, id, input, now);
    await recordAudit(trx, ctx, now, {
      action: 'evaluation_org.update',
      targetType: 'evaluation_org',
      targetId: id,
      summary: { code: org.code, changes: input },
      scope: { orgId: id },
    });
  });
  return getOrg(deps, ctx, id);
}

// ---- contacts ----

export async function listContacts(deps: Deps, ctx: RequestContext, orgId: string): Promise<ContactDto[]> {
  requireActor(ctx);
  if (!(await q.findOrg(deps.db, orgId))) throw notFound();
  return (await q.listContacts(deps.db, orgId)).map(toContactDto);
}

async function checkContactType(db: Db, orgId: string, typeId: string | null | undefined) {
  if (!typeId) return;
  const t = await q.typeOrg(db, typeId);
  if (!t || t.org_id !== orgId)
    throw new AppError('VALIDATION_FAILED', { fields: [{ path: 'body.certificateTypeId', message: '该证书不属于此培训评价组织' }] });
}

const contactValues = (v: ContactInput): q.ContactValues => ({
  certificateTypeId: v.certificateTypeId ?? null,
  contactName: v.contactName,
  officePhone: v.officePhone ?? null,
  mobile: v.mobile ?? null,
  fax: v.fax ?? null,
  email: v.email ?? null,
  address: v.address ?? null,
  postcode: v.postcode ?? null,
});

export async function createContact(deps: Deps, ctx: RequestContext, orgId: string, input: ContactInput): Promise<ContactDto> {
  const actor = requireActor(ctx);
  await heldOrg(deps.db, actor, orgId);
  await checkContactType(deps.db, orgId, input.certificateTypeId);
  const now = deps.clock.now();
  const id = await deps.db.transaction().execute(async (trx) => {
    const id = await q.insertContact(trx, orgId, contactValues(input), await q.nextContactOrder(trx, orgId), now);
    await recordAudit(trx, ctx, now, {
      action: 'evaluation_org.contact_create',
      targetType: 'evaluation_org_contact',
      targetId: id,
      summary: { ...input },
      scope: { orgId },
    });
    return id;
  });
  return toContactDto((await q.findContact(deps.db, orgId, id))!);
}

export async function updateContact(
  deps: Deps,
  ctx: RequestContext,
  orgId: string,
  id: string,
  input: Partial<ContactInput>,
): Promise<ContactDto> {
  const actor = requireActor(ctx);
  await heldOrg(deps.db, actor, orgId);
  if (!(await q.findContact(deps.db, orgId, id))) throw notFound();
  await checkContactType(deps.db, orgId, input.certificateTypeId);
  const now = deps.clock.now();
  await deps.db.transaction().execute(async (trx) => {
    await q.updateContact(trx, id, input, now);
    await recordAudit(trx, ctx, now, {
      action: 'evaluation_org.contact_update',
      targetType: 'evaluation_org_contact',
      targetId: id,
      summary: { changes: input },
      scope: { orgId },
    });
  });
  return toContactDto((await q.findContact(deps.db, orgId, id))!);
}

export async function deleteContact(deps: Deps, ctx: RequestContext, orgId: string, id: string): Promise<void> {
  const actor = requireActor(ctx);
  await heldOrg(deps.db, actor, orgId);
  const c = await q.findContact(deps.db, orgId, id);
  if (!c) throw notFound();
  const now = deps.clock.now();
  await deps.db.transaction().execute(async (trx) => {
    await q.deleteContact(trx, id);
    await recordAudit(trx, ctx, now, {
      action: 'evaluation_org.contact_delete',
      targetType: 'evaluation_org_contact',
      targetId: id,
      summary: { contactName: c.contact_name, certificateTypeName: c.certificate_type_name },
      scope: { orgId },
    });
  });
}
