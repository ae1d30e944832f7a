import {
  CASE_MAX_CHARS,
  CASE_MAX_IMAGES,
  DEFAULT_CASE_CRITERIA,
  type CaseCollectionDto,
  type CaseCollectionInput,
  type CaseCriterion,
  type Page,
  type PublicCaseCollectionDto,
  type TypicalCaseDetailDto,
  type TypicalCaseDto,
  type TypicalCaseInput,
  type Role,
} from '@onex/shared';
import { type Actor, type RequestContext, requireActor } from '../../auth/actor';
import { inScope, scopeOf } from '../../auth/scope';
import type { Db } from '../../db/types';
import type { Deps } from '../../lib/deps';
import { AppError, forbidden, notFound } from '../../lib/errors';
import { auditedTransaction, recordAudit } from '../audit/audit.service';
import { chinaDate } from '../exam-sessions/exam-sessions.service';
import { readFileBytes } from '../files/files.queries';
import { storePdf } from '../files/files.service';
import { storeImageFile, storeWordFile } from '../files/files.word';
import { notify } from '../notifications/notifications.service';
import * as q from './typical-cases.queries';
import {
  CASE_REMINDER_DAYS,
  caseLength,
  caseProblems,
  caseReminderDue,
  caseReminderText,
  collectionOpen,
  daysUntil,
  problemMessages,
  scoreTotal,
} from './typical-cases.rules';

/** Who sees typical cases: regional administrators their region's, a school its own. */
export const CASE_READ_ROLES: readonly Role[] = ['national_admin', 'province_admin', 'municipal_admin', 'school_admin'];

const today = (deps: Deps) => chinaDate(deps.clock.now());

// ---- collections ----

function collectionDto(c: q.CollectionRow, todayIso: string): CaseCollectionDto {
  return {
    id: c.id,
    provinceCode: c.province_code,
    provinceName: c.province_name,
    title: c.title,
    year: c.year,
    deadline: c.deadline,
    categories: c.categories,
    criteria: c.criteria,
    description: c.description,
    status: c.status,
    open: c.status === 'open' && collectionOpen(c.deadline, todayIso),
    publishedAt: c.published_at?.toISOString() ?? null,
    caseCount: Number(c.case_count),
    selectedCount: Number(c.selected_count),
  };
}

/** The province whose collections an actor sees: its own (a school's is its school's), all for national. */
async function provinceOf(db: Db, actor: Actor): Promise<string | null> {
  if (actor.role === 'national_admin') return null;
  if (actor.role === 'school_admin') return (await q.schoolFacts(db, actor.schoolId ?? ''))?.province_code ?? '-';
  return actor.provinceCode ?? '-';
}

export async function createCollection(deps: Deps, ctx: RequestContext, b: CaseCollectionInput): Promise<CaseCollectionDto> {
  const actor = requireActor(ctx, ['province_admin']);
  const provinceCode = actor.provinceCode!;
  const criteria: CaseCriterion[] = b.criteria ?? DEFAULT_CASE_CRITERIA;
  if (new Set(criteria.map((c) => c.key)).size !== criteria.length) throw new AppError('CASE_SCORES_INVALID');
  return auditedTransaction(deps, ctx, async (trx, now) => {
    const id = await q.insertCollection(trx, {
      provinceCode,
      title: b.title,
      year: b.year,
      deadline: b.deadline,
      categories: [...new Set(b.categories)],
      criteria,
      description: b.description ?? null,
      at: now,
      by: actor.userId,
    });
    await notify(trx, now, {
      to: { role: 'school_admin', provinceCode },
      kind: 'typical_case_collection',
      title: `典型案例征集：${b.title}`,
      body: `请于 ${b.deadline} 前（含当日）报送典型案例（盖章 PDF 扫描件和 Word 电子版，2-4 张图，3000 字以内）`,
      link: `/typical-cases`,
      dedupeKey: `typical_case_collection:${id}`,
    });
    const c = (await q.findCollection(trx, id))!;
    return {
      result: collectionDto(c, chinaDate(now)),
      audit: {
        action: 'typical_case_collection.create',
        targetType: 'typical_case_collection',
        targetId: id,
        summary: { title: b.title, year: b.year, deadline: b.deadline, categories: b.categories, criteria: criteria.map((x) => x.key) },
        scope: { provinceCode },
      },
    };
  });
}

export async function listCollections(
  deps: Deps,
  ctx: RequestContext,
  f: { status?: 'open' | 'published'; year?: number; page: number; pageSize: number },
): Promise<Page<CaseCollectionDto>> {
  const actor = requireActor(ctx, CASE_READ_ROLES);
  const { items, total } = await q.listCollections(deps.db, await provinceOf(deps.db, actor), f, f.page, f.pageSize);
  const t = today(deps);
  return { items: items.map((c) => collectionDto(c, t)), total, page: f.page, pageSize: f.pageSize };
}

async function visibleCollection(db: Db, actor: Actor, id: string, lock = false) {
  const c = await (lock ? q.lockCollection(db, id) : q.findCollection(db, id));
  const p = await provinceOf(db, actor);
  if (!c || (p !== null && c.province_code !== p)) throw notFound();
  return c;
}

export async function getCollection(deps: Deps, ctx: RequestContext, id: string): Promise<CaseCollectionDto> {
  const actor = requireActor(ctx, CASE_READ_ROLES);
  return collectionDto(await visibleCollection(deps.db, actor, id), today(deps));
}

/** R9.2: the province publishes the selected cases as a public collection; the schools are told. */
export async function publishCollection(deps: Deps, ctx: RequestContext, id: string): Promise<CaseCollectionDto> {
  const actor = requireActor(ctx, ['province_admin']);
  return auditedTransaction(deps, ctx, async (trx, now) => {
    const c = await visibleCollection(trx, actor, id, true);
    if (c.status === 'published') throw new AppError('CASE_COLLECTION_PUBLISHED');
    const selected = await q.selectedCases(trx, id);
    if (selected.length === 0) throw new AppError('CASE_NONE_SELECTED');
    await q.publishCollection(trx, id, now);
    for (const s of selected)
      await notify(trx, now, {
        to: { role: 'school_admin', schoolId: s.school_id },
        kind: 'typical_case_published',
        title: `典型案例入选并已公开：${s.title}`,
        link: `/public/typical-cases/${id}`,
        dedupeKey: `typical_case_published:${s.id}`,
      });
    return {
      result: collectionDto((await q.findCollection(trx, id))!, chinaDate(now)),
      audit: {
        action: 'typical_case_collection.publish',
        targetType: 'typical_case_collection',
        targetId: id,
        summary: { selected: selected.map((s) => s.id) },
        scope: { provinceCode: c.province_code },
      },
    };
  });
}

/**
 * 000 三（三）: reminds the schools of each open collection that have not submitted a case, CASE_REMINDER_DAYS before
 * its deadline (the window rule is `caseReminderDue`). Run by the platform's hourly reminder tick (main.ts, beside the
 * filing round reminders); idempotent: the key typical_case_deadline:<collection>:<window> is unique per user, so a
 * school hears once per window, and a school that has submitted in the meantime hears nothing more. One system audit
 * row when anything was written. Returns how many notifications were written.
 */
export async function remindCaseDeadlines(db: Db, now: Date): Promise<number> {
  const todayIso = chinaDate(now);
  const until = chinaDate(new Date(now.getTime() + Math.max(...CASE_REMINDER_DAYS) * 86_400_000));
  const due = (await q.openCollectionsDueBetween(db, todayIso, until))
    .map((c) => ({ ...c, window: caseReminderDue(c.deadline, todayIso, chinaDate(c.created_at)) }))
    .filter((c) => c.window !== null);
  if (due.length === 0) return 0;
  return db.transaction().execute(async (trx) => {
    let written = 0;
    const sent: { collectionId: string; window: number; written: number }[] = [];
    for (const c of due) {
      const schools = await q.schoolsWithoutSubmission(trx, c.id, c.province_code);
      if (schools.length === 0) continue;
      const n = await notify(trx, now, {
        to: schools.map((s) => ({ role: 'school_admin' as const, schoolId: s.id })),
        kind: 'typical_case_deadline',
        ...caseReminderText(c.title, c.deadline, daysUntil(todayIso, c.deadline)),
        link: '/typical-cases',
        dedupeKey: `typical_case_deadline:${c.id}:${c.window}`,
      });
      if (n > 0) sent.push({ collectionId: c.id, window: c.window!, written: n });
      written += n;
    }
    if (written > 0)
      await recordAudit(trx, { actor: null, requestId: 'system', clientIp: null }, now, {
        action: 'notification.deadline_reminders',
        targetType: 'typical_case_collection',
        summary: { typicalCaseCollections: sent, written },
      });
    return written;
  });
}

// ---- cases ----

function caseDto(c: q.CaseRow): TypicalCaseDto {
  return {
    id: c.id,
    collectionId: c.collection_id,
    collectionTitle: c.collection_title,
    deadline: c.deadline,
    schoolId: c.school_id,
    schoolName: c.school_name,
    provinceCode: c.province_code,
    cityCode: c.city_code,
    title: c.title,
    category: c.category,
    charCount: c.char_count,
    imageCount: Number(c.image_count),
    hasPdf: !!c.pdf_file_id,
    hasWord: !!c.word_file_id,
    status: c.status,
    totalScore: c.total_score === null ? null : Number(c.total_score),
    submittedAt: c.submitted_at?.toISOString() ?? null,
  };
}

const factsOf = (c: q.CaseRow) => ({ provinceCode: c.province_code, cityCode: c.city_code, schoolId: c.school_id });

/** A case the actor may see: a school its own (drafts too); a region's administrators only submitted ones. */
async function visibleCase(db: Db, actor: Actor, id: string, lock = false): Promise<q.CaseRow> {
  const c = await (lock ? q.lockCase(db, id) : q.findCase(db, id));
  if (!c || !CASE_READ_ROLES.includes(actor.role) || !inScope(scopeOf(actor), factsOf(c))) throw notFound();
  if (c.status === 'draft' && actor.role !== 'school_admin') throw notFound();
  return c;
}

async function detailOf(db: Db, c: q.CaseRow, todayIso: string): Promise<TypicalCaseDetailDto> {
  const images = await q.imagesOf(db, [c.id]);
  const names = new Map(
    (
      await q.fileNames(
        db,
        [c.pdf_file_id, c.word_file_id].filter((x): x is string => !!x),
      )
    ).map((f) => [f.id, f.original_name]),
  );
  const fileOf = (id: string | null) => (id ? { fileId: id, name: names.get(id) ?? '' } : null);
  const problems =
    c.status === 'draft'
      ? problemMessages(
          caseProblems(
            { ...c, imageCount: images.length, hasPdf: !!c.pdf_file_id, hasWord: !!c.word_file_id, deadline: c.deadline },
            todayIso,
          ),
        )
      : [];
  return {
    ...caseDto(c),
    background: c.background,
    measures: c.measures,
    outcomes: c.outcomes,
    images: images.map((i) => ({ fileId: i.file_id, name: i.original_name, caption: i.caption })),
    pdf: fileOf(c.pdf_file_id),
    word: fileOf(c.word_file_id),
    scores: c.scores,
    reviewComment: c.review_comment,
    criteria: c.criteria,
    problems,
  };
}

export async function listCases(
  deps: Deps,
  ctx: RequestContext,
  f: { collectionId?: string; status?: TypicalCaseDto['status']; q?: string; page: number; pageSize: number },
): Promise<Page<TypicalCaseDto>> {
  const actor = requireActor(ctx, CASE_READ_ROLES);
  const { items, total } = await q.listCases(
    deps.db,
    scopeOf(actor),
    { ...f, submittedOnly: actor.role !== 'school_admin' },
    f.page,
    f.pageSize,
  );
  return { items: items.map(caseDto), total, page: f.page, pageSize: f.pageSize };
}

export async function getCase(deps: Deps, ctx: RequestContext, id: string): Promise<TypicalCaseDetailDto> {
  const actor = requireActor(ctx, CASE_READ_ROLES);
  return detailOf(deps.db, await visibleCase(deps.db, actor, id), today(deps));
}

function assertText(b: { title: string; background: string; measures: string; outcomes: string }) {
  const n = caseLength(b);
  if (n > CASE_MAX_CHARS) throw new AppError('CASE_TOO_LONG', { charCount: n, max: CASE_MAX_CHARS });
  return n;
}

function assertOpen(deadline: string, status: string, todayIso: string) {
  if (status === 'published' || !collectionOpen(deadline, todayIso)) throw new AppError('CASE_COLLECTION_CLOSED', { deadline });
}

/** A school drafts its case in an open collection of its province (R9.2). */
export async function createCase(deps: Deps, ctx: RequestContext, b: TypicalCaseInput): Promise<TypicalCaseDetailDto> {
  const actor = requireActor(ctx, ['school_admin']);
  const school = await q.schoolFacts(deps.db, actor.schoolId ?? '');
  if (!school) throw forbidden();
  return auditedTransaction(deps, ctx, async (trx, now) => {
    const col = await q.findCollection(trx, b.collectionId);
    if (!col || col.province_code !== school.province_code) throw notFound();
    assertOpen(col.deadline, col.status, chinaDate(now));
    if (!col.categories.includes(b.category)) throw new AppError('CASE_CATEGORY_NOT_OFFERED', { offered: col.categories });
    const charCount = assertText(b);
    const id = await q.insertCase(trx, {
      ...b,
      provinceCode: school.province_code,
      cityCode: school.city_code,
      schoolId: school.id,
      charCount,
      at: now,
      by: actor.userId,
    });
    const c = (await q.findCase(trx, id))!;
    return {
      result: await detailOf(trx, c, chinaDate(now)),
      audit: {
        action: 'typical_case.create',
        targetType: 'typical_case',
        targetId: id,
        summary: { collectionId: b.collectionId, title: b.title, category: b.category, charCount },
        scope: { provinceCode: school.province_code, cityCode: school.city_code, schoolId: school.id },
      },
    };
  });
}

/** Locks a draft of the actor's school in an open collection for a change. */
async function editableDraft(trx: Db, actor: Actor, id: string, now: Date) {
  const c = await visibleCase(trx, actor, id, true);
  if (actor.role !== 'school_admin') throw forbidden();
  if (c.status !== 'draft') throw new AppError('CASE_NOT_EDITABLE');
  assertOpen(c.deadline, c.collection_status, chinaDate(now));
  return c;
}

export async function updateCase(
  deps: Deps,
  ctx: RequestContext,
  id: string,
  b: Omit<TypicalCaseInput, 'collectionId'>,
): Promise<TypicalCaseDetailDto> {
  const actor = requireActor(ctx, ['school_admin']);
  return auditedTransaction(deps, ctx, async (trx, now) => {
    const c = await editableDraft(trx, actor, id, now);
    const col = (await q.findCollection(trx, c.collection_id))!;
    if (!col.categories.includes(b.category)) throw new AppError('CASE_CATEGORY_NOT_OFFERED', { offered: col.categories });
    const charCount = assertText(b);
    await q.updateCase(trx, id, { ...b, char_count: charCount }, now);
    return {
      result: await detailOf(trx, (await q.findCase(trx, id))!, chinaDate(now)),
      audit: {
        action: 'typical_case.update',
        targetType: 'typical_case',
        targetId: id,
        summary: { title: b.title, category: b.category, charCount },
        scope: factsOf(c),
      },
    };
  });
}

export type CaseUpload = 'image' | 'pdf' | 'word';

/** 附件3 四 and 三（三）: a picture (PNG/JPEG, at most 4), the stamped PDF scan or the Word file, each checked by content. */
export async function uploadCaseFile(
  deps: Deps,
  ctx: RequestContext,
  id: string,
  kind: CaseUpload,
  file: { bytes: Buffer; filename: string },
  caption: string | null,
): Promise<TypicalCaseDetailDto> {
  const actor = requireActor(ctx, ['school_admin']);
  return auditedTransaction(deps, ctx, async (trx, now) => {
    const c = await editableDraft(trx, actor, id, now);
    const owner = { provinceCode: c.province_code, schoolId: c.school_id };
    let fileId: string;
    if (kind === 'image') {
      if (Number(c.image_count) >= CASE_MAX_IMAGES) throw new AppError('CASE_IMAGE_COUNT', { max: CASE_MAX_IMAGES });
      fileId = (await storeImageFile(trx, ctx, file.bytes, file.filename, { at: now, owner })).id;
      await q.addImage(trx, id, fileId, caption);
    } else if (kind === 'pdf') {
      fileId = (await storePdf(trx, ctx, file.bytes, file.filename, { at: now, owner })).id;
      await q.updateCase(trx, id, { pdf_file_id: fileId }, now);
    } else {
      fileId = (await storeWordFile(trx, ctx, file.bytes, file.filename, { at: now, owner })).id;
      await q.updateCase(trx, id, { word_file_id: fileId }, now);
    }
    return {
      result: await detailOf(trx, (await q.findCase(trx, id))!, chinaDate(now)),
      audit: {
        action: kind === 'image' ? 'typical_case.add_image' : kind === 'pdf' ? 'typical_case.upload_pdf' : 'typical_case.upload_word',
        targetType: 'typical_case',
        targetId: id,
        summary: { fileId, size: file.bytes.length },
        scope: factsOf(c),
      },
    };
  });
}

export async function removeCaseImage(deps: Deps, ctx: RequestContext, id: string, fileId: string): Promise<TypicalCaseDetailDto> {
  const actor = requireActor(ctx, ['school_admin']);
  return auditedTransaction(deps, ctx, async (trx, now) => {
    const c = await editableDraft(trx, actor, id, now);
    const r = await q.removeImage(trx, id, fileId);
    if (!r.numDeletedRows) throw notFound();
    return {
      result: await detailOf(trx, (await q.findCase(trx, id))!, chinaDate(now)),
      audit: { action: 'typical_case.remove_image', targetType: 'typical_case', targetId: id, summary: { fileId }, scope: factsOf(c) },
    };
  });
}

/** R9.2: every rule is checked at submission; the first one broken is the answer, all of them in `details.problems`. */
export async function submitCase(deps: Deps, ctx: RequestContext, id: string): Promise<TypicalCaseDetailDto> {
  const actor = requireActor(ctx, ['school_admin']);
  return auditedTransaction(deps, ctx, async (trx, now) => {
    const c = await visibleCase(trx, actor, id, true);
    if (c.status !== 'draft') throw new AppError('CASE_NOT_EDITABLE');
    const problems = caseProblems(
      {
        ...c,
        imageCount: Number(c.image_count),
        hasPdf: !!c.pdf_file_id,
        hasWord: !!c.word_file_id,
        deadline: c.collection_status === 'published' ? '0000-00-00' : c.deadline,
      },
      chinaDate(now),
    );
    if (problems.length > 0) throw new AppError(problems[0]!, { problems: problemMessages(problems), charCount: caseLength(c) });
    await q.updateCase(trx, id, { status: 'submitted', submitted_at: now }, now);
    await notify(trx, now, {
      to: { role: 'province_admin', provinceCode: c.province_code },
      kind: 'typical_case_submitted',
      title: `收到典型案例：${c.school_name}《${c.title}》`,
      link: `/typical-cases/cases/${id}`,
    });
    return {
      result: await detailOf(trx, (await q.findCase(trx, id))!, chinaDate(now)),
      audit: {
        action: 'typical_case.submit',
        targetType: 'typical_case',
        targetId: id,
        summary: { charCount: c.char_count, images: Number(c.image_count) },
        scope: factsOf(c),
      },
    };
  });
}

async function reviewable(trx: Db, actor: Actor, id: string) {
  const c = await visibleCase(trx, actor, id, true);
  if (actor.role !== 'province_admin') throw forbidden();
  if (c.status === 'draft' || c.collection_status === 'published') throw new AppError('CASE_NOT_REVIEWABLE');
  return c;
}

/** The province scores a case against its collection's criteria (criteria are data). */
export async function reviewCase(
  deps: Deps,
  ctx: RequestContext,
  id: string,
  b: { scores: Record<string, number>; comment?: string | undefined },
): Promise<TypicalCaseDetailDto> {
  const actor = requireActor(ctx, ['province_admin']);
  return auditedTransaction(deps, ctx, async (trx, now) => {
    const c = await reviewable(trx, actor, id);
    const total = scoreTotal(c.criteria, b.scores);
    if (total === null) throw new AppError('CASE_SCORES_INVALID', { criteria: c.criteria });
    await q.updateCase(
      trx,
      id,
      {
        scores: JSON.stringify(b.scores),
        total_score: total,
        review_comment: b.comment ?? null,
        reviewed_at: now,
        reviewed_by: actor.userId,
        ...(c.status === 'submitted' ? { status: 'reviewed' as const } : {}),
      },
      now,
    );
    return {
      result: await detailOf(trx, (await q.findCase(trx, id))!, chinaDate(now)),
      audit: {
        action: 'typical_case.review',
        targetType: 'typical_case',
        targetId: id,
        summary: { scores: b.scores, total },
        scope: factsOf(c),
      },
    };
  });
}

/** The province selects a scored case (or not); the school is told of the decision. */
export async function selectCase(
  deps: Deps,
  ctx: RequestContext,
  id: string,
  b: { selected: boolean; comment?: string | undefined },
): Promise<TypicalCaseDetailDto> {
  const actor = requireActor(ctx, ['province_admin']);
  return auditedTransaction(deps, ctx, async (trx, now) => {
    const c = await reviewable(trx, actor, id);
    if (c.total_score === null) throw new AppError('CASE_NOT_SCORED');
    const status = b.selected ? ('selected' as const) : ('not_selected' as const);
    await q.updateCase(trx, id, { status, ...(b.comment ? { review_comment: b.comment } : {}) }, now);
    await notify(trx, now, {
      to: { role: 'school_admin', schoolId: c.school_id },
      kind: 'typical_case_decision',
      title: `典型案例《${c.title}》${b.selected ? '入选' : '未入选'}`,
      body: b.comment ?? '',
      link: `/typical-cases/cases/${id}`,
    });
    return {
      result: await detailOf(trx, (await q.findCase(trx, id))!, chinaDate(now)),
      audit: {
        action: b.selected ? 'typical_case.select' : 'typical_case.not_select',
        targetType: 'typical_case',
        targetId: id,
        summary: { totalScore: Number(c.total_score) },
        scope: factsOf(c),
      },
    };
  });
}

// ---- public ----

export async function publicCollections(deps: Deps) {
  const rows = await q.publishedCollections(deps.db);
  return {
    items: rows.map((c) => ({
      id: c.id,
      title: c.title,
      year: c.year,
      provinceName: c.province_name,
      publishedAt: c.published_at!.toISOString(),
      caseCount: Number(c.selected_count),
    })),
  };
}

/** A published collection: its selected cases only, text and pictures; never a draft, a score or the school's files. */
export async function publicCollection(deps: Deps, id: string): Promise<PublicCaseCollectionDto> {
  const c = await q.findCollection(deps.db, id);
  if (!c || c.status !== 'published') throw notFound();
  const cases = await q.selectedCases(deps.db, id);
  const images = await q.imagesOf(
    deps.db,
    cases.map((x) => x.id),
  );
  return {
    id: c.id,
    title: c.title,
    year: c.year,
    provinceName: c.province_name,
    publishedAt: c.published_at!.toISOString(),
    cases: cases.map((x) => ({
      id: x.id,
      title: x.title,
      category: x.category,
      schoolName: x.school_name,
      background: x.background,
      measures: x.measures,
      outcomes: x.outcomes,
      images: images.filter((i) => i.case_id === x.id).map((i) => ({ fileId: i.file_id, name: i.original_name, caption: i.caption })),
    })),
  };
}

/** files: a picture of a selected case in a published collection is readable by anyone. */
export const publishedCaseImageReadable = (db: Db, _ctx: RequestContext, fileId: string) => q.isPublishedCaseImage(db, fileId);

/** The bytes of the pictures of a collection, for the PDF. */
export async function imageBytes(db: Db, fileIds: readonly string[]): Promise<Map<string, Buffer>> {
  const out = new Map<string, Buffer>();
  for (const id of fileIds) {
    out.set(id, await readFileBytes(db, id));
  }
  return out;
}
