import {
  type CatalogQuery,
  type CertificateBatchDto,
  type CertificateTypeAction,
  type CertificateTypeDetailDto,
  type CertificateTypeDto,
  type CertificateTypeField,
  type CertificateTypeStatus,
  type CreateCertificateTypeRequest,
  type LevelDto,
  type LevelInput,
  type ManagedCatalogQuery,
  type MajorDto,
  type Page,
  PUBLIC_CERTIFICATE_TYPE_STATUSES,
  type PublicCertificateTypeDetailDto,
  type PublicCertificateTypeDto,
  SELECTABLE_CERTIFICATE_TYPE_STATUSES,
  type StandardDocumentDto,
  type UpdateCertificateTypeRequest,
  certificateTypeAllowedActions,
  certificateTypeTransition,
  editableCertificateTypeFields,
  feeCapFen,
  validateExamForms,
} from '@onex/shared';
import { type Actor, type RequestContext, requireActor } from '../../auth/actor';
import type { Db } from '../../db/types';
import type { Deps } from '../../lib/deps';
import { AppError, notFound } from '../../lib/errors';
import { recordAudit } from '../audit/audit.service';
import type { FileAccessCheck } from '../files/files.service';
import { storePdf } from '../files/files.service';
import type { UploadedForm } from '../files/files.upload';
import { holdsOrg, lockedFields, requestedFields } from './catalog.policy';
import * as q from './catalog.queries';
import { toContactDto } from './orgs.service';
import { contactsForType } from './orgs.queries';
import { ensureCreditOutcomes } from '../credit-bank/credit-bank.service';

// ---- reading ----

type LevelRows = Awaited<ReturnType<typeof q.levelsOf>>;
type MajorRows = Awaited<ReturnType<typeof q.majorsOf>>;

function toLevels(rows: LevelRows): LevelDto[] {
  const byLevel = new Map<string, LevelDto>();
  for (const r of rows) {
    let l = byLevel.get(r.level_id);
    if (!l) {
      l = { level: r.level, examForms: [], feeCapFen: 0, ...(r.pass_mark !== null && { passMark: Number(r.pass_mark) }) };
      byLevel.set(r.level_id, l);
    }
    if (r.form && r.share !== null) l.examForms.push({ form: r.form, share: Number(r.share) });
  }
  return [...byLevel.values()].map((l) => ({ ...l, feeCapFen: feeCapFen(l.examForms) }));
}

function groupBy<T extends { certificate_type_id: string }>(rows: readonly T[]): Map<string, T[]> {
  const m = new Map<string, T[]>();
  for (const r of rows) m.set(r.certificate_type_id, [...(m.get(r.certificate_type_id) ?? []), r]);
  return m;
}

/** Levels (with exam forms and fee caps) and majors of a page of types, in two queries. */
async function detailsOf(db: Db, ids: readonly string[]) {
  const [levels, majors] = await Promise.all([q.levelsOf(db, ids), q.majorsOf(db, ids)]);
  const l = groupBy(levels);
  const m = groupBy(majors);
  return (id: string) => ({ levels: toLevels(l.get(id) ?? []), majors: m.get(id) ?? [] });
}

function toPublicItem(r: q.TypeRow, d: { levels: LevelDto[]; majors: MajorRows }): PublicCertificateTypeDto {
  return {
    id: r.id,
    code: r.code,
    name: r.name,
    batch: r.batch_name,
    status: r.status,
    organization: { id: r.org_id, name: r.org_name },
    majors: d.majors.map((m) => ({ ...(m.code && { code: m.code }), name: m.name })),
    levels: d.levels,
    detailsToBeConfirmed: r.details_to_be_confirmed,
    organizationToBeConfirmed: r.org_to_be_confirmed,
  };
}

function toManagedItem(actor: Actor, r: q.TypeRow, d: { levels: LevelDto[]; majors: MajorRows }): CertificateTypeDto {
  const owns = actor.orgId === r.org_id;
  return {
    ...toPublicItem(r, d),
    batchCode: r.batch_code,
    majorIds: d.majors.map((m) => m.id),
    allowedActions: certificateTypeAllowedActions(actor.role, owns, r.status),
    editableFields: editableCertificateTypeFields(actor.role, owns, r.status),
    updatedAt: r.updated_at.toISOString(),
  };
}

async function extrasOf(db: Db, r: q.TypeRow) {
  const [docs, contacts] = await Promise.all([q.standardDocumentsOf(db, r.id), contactsForType(db, r.org_id, r.id)]);
  return {
    description: r.description,
    targetGroup: r.target_group,
    awardRequirements: r.award_requirements,
    standardDocuments: docs.map(toStandardDocumentDto),
    contacts: contacts.map(toContactDto),
  };
}

function toStandardDocumentDto(d: Awaited<ReturnType<typeof q.standardDocumentsOf>>[number]): StandardDocumentDto {
  return {
    id: d.id,
    version: d.version,
    fileId: d.file_id,
    fileName: d.original_name,
    size: d.size,
    sha256: d.sha256,
    uploadedAt: d.uploaded_at.toISOString(),
    downloadUrl: `/api/v1/files/${d.file_id}`,
  };
}

const PUBLIC: q.TypeVisibility = { kind: 'statuses', statuses: PUBLIC_CERTIFICATE_TYPE_STATUSES };

/** What a reader sees: national all; an organization the public catalog and all of its own; everyone else the public catalog. */
function visibilityFor(actor: Actor): q.TypeVisibility {
  if (actor.role === 'national_admin') return { kind: 'all' };
  if (actor.role === 'org_admin' && actor.orgId)
    return { kind: 'statusesOrOrg', statuses: PUBLIC_CERTIFICATE_TYPE_STATUSES, orgId: actor.orgId };
  return PUBLIC;
}

function visible(vis: q.TypeVisibility, r: { status: CertificateTypeStatus; org_id: string }): boolean {
  if (vis.kind === 'all') return true;
  return vis.statuses.includes(r.status) || (vis.kind === 'statusesOrOrg' && vis.orgId === r.org_id);
}

/** The public catalog (api-v1): published and suspended types; never drafts or withdrawn ones. */
export async function listPublicCatalog(db: Db, f: CatalogQuery): Promise<Page<PublicCertificateTypeDto>> {
  const { items, total } = await q.listTypes(db, PUBLIC, f, f.page, f.pageSize);
  const details = await detailsOf(
    db,
    items.map((r) => r.id),
  );
  return { items: items.map((r) => toPublicItem(r, details(r.id))), total, page: f.page, pageSize: f.pageSize };
}

export async function getPublicCertificateType(db: Db, id: string): Promise<PublicCertificateTypeDetailDto> {
  const r = await q.findType(db, id);
  if (!r || !visible(PUBLIC, r)) throw notFound();
  const details = await detailsOf(db, [id]);
  return { ...toPublicItem(r, details(id)), ...(await extrasOf(db, r)) };
}

export async function listCertificateTypes(deps: Deps, ctx: RequestContext, f: ManagedCatalogQuery): Promise<Page<CertificateTypeDto>> {
  const actor = requireActor(ctx);
  const { items, total } = await q.listTypes(deps.db, visibilityFor(actor), f, f.page, f.pageSize);
  const details = await detailsOf(
    deps.db,
    items.map((r) => r.id),
  );
  return { items: items.map((r) => toManagedItem(actor, r, details(r.id))), total, page: f.page, pageSize: f.pageSize };
}

export async function getCertificateType(deps: Deps, ctx: RequestContext, id: string): Promise<CertificateTypeDetailDto> {
  const actor = requireActor(ctx);
  const r = await q.findType(deps.db, id);
  if (!r || !visible(visibilityFor(actor), r)) throw notFound();
  const details = await detailsOf(deps.db, [id]);
  return { ...toManagedItem(actor, r, details(id)), ...(await extrasOf(deps.db, r)) };
}

/**
 * R1.5: only published certificates can be chosen for anything new (filings, agreements, exam sessions).
 * Other features call this before they reference a certificate type.
 */
export async function assertSelectableCertificateType(db: Db, id: string): Promise<{ id: string; name: string; orgId: string }> {
  const r = await q.findTypeStatus(db, id);
  if (!r) throw notFound();
  if (!SELECTABLE_CERTIFICATE_TYPE_STATUSES.includes(r.status))
    throw new AppError('CERTIFICATE_TYPE_NOT_SELECTABLE', { certificateTypeId: id, name: r.name, status: r.status });
  return { id: r.id, name: r.name, orgId: r.org_id };
}

/** Files module hook: standard documents of published (and suspended) types are public. */
export const standardDocumentFileIsPublic: FileAccessCheck = (db, _ctx, fileId) =>
  q.fileIsStandardDocumentOf(db, fileId, PUBLIC_CERTIFICATE_TYPE_STATUSES);

// ---- validation shared by create and edit ----

function validationFailed(path: string, message: string): AppError {
  return new AppError('VALIDATION_FAILED', { fields: [{ path, message }] });
}

function checkLevels(levels: readonly LevelInput[]): void {
  const errors = levels.map((l) => ({ level: l.level, errors: validateExamForms(l.examForms) })).filter((e) => e.errors.length > 0);
  if (errors.length) throw new AppError('EXAM_FORMS_INVALID', { levels: errors });
}

async function checkReferences(
  db: Db,
  v: { orgId?: string | undefined; batchCode?: string | undefined; majorIds?: readonly string[] | undefined },
) {
  if (v.orgId && !(await q.orgExists(db, v.orgId))) throw validationFailed('body.orgId', '培训评价组织不存在');
  if (v.batchCode && !(await q.findBatch(db, v.batchCode))) throw validationFailed('body.batchCode', '证书批次不存在');
  if (v.majorIds) {
    const distinct = [...new Set(v.majorIds)];
    if ((await q.countMajors(db, distinct)) !== distinct.length) throw validationFailed('body.majorIds', '所选专业不在专业目录中');
  }
}

const levelValues = (levels: readonly LevelInput[]): q.LevelValues[] =>
  levels.map((l) => ({ level: l.level, passMark: l.passMark ?? null, detailsToBeConfirmed: false, examForms: l.examForms }));

const levelSummary = (levels: readonly LevelInput[]) =>
  levels.map((l) => ({ level: l.level, examForms: l.examForms, feeCapFen: feeCapFen(l.examForms), passMark: l.passMark ?? null }));

// ---- writing ----

export const CATALOG_EDITOR_ROLES = ['national_admin', 'org_admin'] as const;

export async function createCertificateType(
  deps: Deps,
  ctx: RequestContext,
  input: CreateCertificateTypeRequest,
): Promise<CertificateTypeDetailDto> {
  const actor = requireActor(ctx, CATALOG_EDITOR_ROLES);
  const orgId = actor.role === 'org_admin' ? actor.orgId : input.orgId;
  if (!orgId) throw validationFailed('body.orgId', '请选择培训评价组织');
  if (input.orgId && !holdsOrg(actor, input.orgId)) throw notFound();
  if (input.levels) checkLevels(input.levels);
  await checkReferences(deps.db, { orgId, batchCode: input.batchCode, majorIds: input.majorIds });
  if (await q.typeCodeOrNameTaken(deps.db, input.code, input.name)) throw new AppError('CERTIFICATE_TYPE_CODE_TAKEN');
  const batch = (await q.findBatch(deps.db, input.batchCode))!;
  const now = deps.clock.now();
  const id = await deps.db.transaction().execute(async (trx) => {
    const id = await q.insertType(
      trx,
      {
        code: input.code,
        name: input.name,
        orgId,
        batchCode: batch.code,
        description: input.description ?? null,
        targetGroup: input.targetGroup ?? null,
        awardRequirements: input.awardRequirements ?? null,
        detailsToBeConfirmed: false,
        status: 'draft',
      },
      now,
      actor.userId,
    );
    await q.setTypeMajors(trx, id, [...new Set(input.majorIds ?? [])]);
    await q.replaceLevels(trx, id, levelValues(input.levels ?? []));
    // The credit bank's outcome catalog gets one outcome per new level (R7; default credits).
    await ensureCreditOutcomes(trx, now, [id]);
    await recordAudit(trx, ctx, now, {
      action: 'certificate_type.create',
      targetType: 'certificate_type',
      targetId: id,
      summary: { code: input.code, name: input.name, batch: batch.name, levels: levelSummary(input.levels ?? []) },
      scope: { orgId },
    });
    return id;
  });
  return getCertificateType(deps, ctx, id);
}

/**
 * Opens a transaction on one certificate type for an edit: lock the row, 404 outside the actor's organizations,
 * 409 when withdrawn, 403 for fields the actor may not change in this status.
 */
async function withEditableType<T>(
  deps: Deps,
  ctx: RequestContext,
  id: string,
  fields: readonly CertificateTypeField[],
  work: (trx: Db, row: NonNullable<Awaited<ReturnType<typeof q.lockType>>>, actor: Actor, now: Date) => Promise<T>,
): Promise<T> {
  const actor = requireActor(ctx);
  return deps.db.transaction().execute(async (trx) => {
    const row = await q.lockType(trx, id);
    if (!row || !holdsOrg(actor, row.org_id)) throw notFound();
    if (row.status === 'withdrawn') throw new AppError('CERTIFICATE_TYPE_LOCKED');
    const editable = editableCertificateTypeFields(actor.role, actor.orgId === row.org_id, row.status);
    const locked = lockedFields(fields, editable);
    if (locked.length) throw new AppError('FORBIDDEN', { fields: locked, status: row.status });
    return work(trx, row, actor, deps.clock.now());
  });
}

export async function updateCertificateType(
  deps: Deps,
  ctx: RequestContext,
  id: string,
  input: UpdateCertificateTypeRequest,
): Promise<CertificateTypeDetailDto> {
  const fields = requestedFields(input) as CertificateTypeField[];
  await withEditableType(deps, ctx, id, fields, async (trx, row, _actor, now) => {
    await checkReferences(trx, input);
    if (await q.typeCodeOrNameTaken(trx, input.code, input.name, id)) throw new AppError('CERTIFICATE_TYPE_CODE_TAKEN');
    const batchCode = input.batchCode && (await q.findBatch(trx, input.batchCode))!.code;
    await q.updateType(trx, id, { ...input, ...(batchCode && { batchCode }) }, now);
    if (input.majorIds) await q.setTypeMajors(trx, id, [...new Set(input.majorIds)]);
    await recordAudit(trx, ctx, now, {
      action: 'certificate_type.update',
      targetType: 'certificate_type',
      targetId: id,
      summary: { code: row.code, changes: input },
      scope: { orgId: input.orgId ?? row.org_id },
    });
  });
  return getCertificateType(deps, ctx, id);
}

export async function replaceCertificateLevels(
  deps: Deps,
  ctx: RequestContext,
  id: string,
  levels: readonly LevelInput[],
): Promise<CertificateTypeDetailDto> {
  checkLevels(levels);
  await withEditableType(deps, ctx, id, ['levels'], async (trx, row, _actor, now) => {
    await q.replaceLevels(trx, id, levelValues(levels));
    await q.touchType(trx, id, now);
    await ensureCreditOutcomes(trx, now, [id]);
    await recordAudit(trx, ctx, now, {
      action: 'certificate_type.levels_replace',
      targetType: 'certificate_type',
      targetId: id,
      summary: { code: row.code, levels: levelSummary(levels) },
      scope: { orgId: row.org_id },
    });
  });
  return getCertificateType(deps, ctx, id);
}

/** Applies a workflow transition (the table in @onex/shared) in one transaction with its event and audit rows. */
export async function transitionCertificateType(
  deps: Deps,
  ctx: RequestContext,
  id: string,
  action: CertificateTypeAction,
  comment: string | undefined,
): Promise<CertificateTypeDetailDto> {
  const actor = requireActor(ctx);
  const t = certificateTypeTransition(action);
  await deps.db.transaction().execute(async (trx) => {
    const row = await q.lockType(trx, id);
    if (!row || !holdsOrg(actor, row.org_id)) throw notFound();
    if (!t.roles.includes(actor.role)) throw new AppError('FORBIDDEN', { action });
    if (!t.from.includes(row.status)) throw new AppError('CONFLICT', { action, status: row.status });
    if (t.commentRequired && !comment) throw new AppError('COMMENT_REQUIRED', { action });
    if (action === 'publish' && (await q.countLevels(trx, id)) === 0) throw new AppError('CERTIFICATE_TYPE_INCOMPLETE');
    const now = deps.clock.now();
    if (!(await q.setTypeStatus(trx, id, row.status, t.to, now))) throw new AppError('CONFLICT', { action, status: row.status });
    await q.insertTypeEvent(trx, {
      typeId: id,
      action,
      from: row.status,
      to: t.to,
      comment: comment ?? null,
      actorId: actor.userId,
      at: now,
    });
    await recordAudit(trx, ctx, now, {
      action: `certificate_type.${action}`,
      targetType: 'certificate_type',
      targetId: id,
      summary: { code: row.code, name: row.name, from: row.status, to: t.to, comment: comment ?? null },
      scope: { orgId: row.org_id },
    });
  });
  return getCertificateType(deps, ctx, id);
}

/** Uploads a new version of a type's standard document (PDF, checked by content). Authorizes before reading the upload. */
export async function uploadStandardDocument(
  deps: Deps,
  ctx: RequestContext,
  id: string,
  readForm: () => Promise<UploadedForm>,
): Promise<StandardDocumentDto> {
  const actor = requireActor(ctx);
  const pre = await q.findTypeStatus(deps.db, id);
  if (!pre || !holdsOrg(actor, pre.org_id)) throw notFound();
  const { fields, file } = await readForm();
  const version = (fields.version ?? '').trim();
  if (!version || version.length > 50) throw validationFailed('body.version', '请填写版本号（不超过 50 个字符）');
  const docId = await withEditableType(deps, ctx, id, ['standardDocuments'], async (trx, row, _actor, now) => {
    if (await q.standardDocumentVersionExists(trx, id, version)) throw new AppError('STANDARD_DOCUMENT_VERSION_TAKEN', { version });
    const stored = await storePdf(trx, ctx, file.bytes, file.filename, { at: now, owner: { orgId: row.org_id } });
    const docId = await q.insertStandardDocument(trx, { typeId: id, version, fileId: stored.id, at: now, by: actor.userId });
    await q.touchType(trx, id, now);
    await recordAudit(trx, ctx, now, {
      action: 'certificate_type.standard_document_upload',
      targetType: 'certificate_type',
      targetId: id,
      summary: { code: row.code, version, fileId: stored.id, fileName: stored.name, size: stored.size, sha256: stored.sha256 },
      scope: { orgId: row.org_id },
    });
    return docId;
  });
  const doc = (await q.standardDocumentsOf(deps.db, id)).find((d) => d.id === docId)!;
  return toStandardDocumentDto(doc);
}

// ---- batches and majors ----

export async function listBatches(db: Db): Promise<CertificateBatchDto[]> {
  return q.listBatches(db);
}

export async function createBatch(deps: Deps, ctx: RequestContext, b: CertificateBatchDto): Promise<CertificateBatchDto> {
  requireActor(ctx, ['national_admin']);
  if (await q.batchTaken(deps.db, b)) throw new AppError('CERTIFICATE_BATCH_TAKEN');
  const now = deps.clock.now();
  await deps.db.transaction().execute(async (trx) => {
    await q.insertBatch(trx, b);
    await recordAudit(trx, ctx, now, { action: 'certificate_batch.create', targetType: 'certificate_batch', targetId: b.code, summary: b });
  });
  return b;
}

export async function listMajors(db: Db, f: Parameters<typeof q.listMajors>[1]): Promise<MajorDto[]> {
  return (await q.listMajors(db, f)).map((m) => ({
    id: m.id,
    code: m.code,
    name: m.name,
    educationLevel: m.education_level,
    catalogEdition: m.catalog_edition,
    toBeConfirmed: m.to_be_confirmed,
  }));
}
