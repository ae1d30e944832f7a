import { type ImportErrorDto, MAX_REPORTED_IMPORT_ERRORS, type ResultImportKind } from '@onex/shared';
import { sql } from 'kysely';
import type { Db, Tx } from '../../db/types';

/** A session with what importing results into it needs. */
export function findSession(db: Db, id: string) {
  return db
    .selectFrom('exam_sessions as s')
    .leftJoin('certificate_levels as cl', (j) =>
      j.onRef('cl.certificate_type_id', '=', 's.certificate_type_id').onRef('cl.level', '=', 's.level'),
    )
    .select([
      's.id',
      's.org_id',
      's.province_code',
      's.city_code',
      's.certificate_type_id',
      's.level',
      's.exam_date',
      's.status',
      's.scores_published_at',
      'cl.pass_mark',
    ])
    .where('s.id', '=', id)
    .executeTakeFirst();
}
export type SessionRow = NonNullable<Awaited<ReturnType<typeof findSession>>>;

/** Locks the session row: every writer of a session's results goes through this lock, one at a time. */
export async function lockSession(trx: Tx, id: string) {
  return trx.selectFrom('exam_sessions').select(['id', 'status']).where('id', '=', id).forUpdate().executeTakeFirst();
}

/** The import of a file (SHA-256) into a session, if any. */
export function findImportByHash(db: Db, sessionId: string, sha256: string) {
  return db
    .selectFrom('result_imports')
    .selectAll()
    .where('session_id', '=', sessionId)
    .where('file_sha256', '=', sha256)
    .executeTakeFirst();
}

export function findImport(db: Db, id: string) {
  return db.selectFrom('result_imports').selectAll().where('id', '=', id).executeTakeFirst();
}
export type ImportRow = NonNullable<Awaited<ReturnType<typeof findImport>>>;

export function listImports(db: Db, sessionId: string) {
  return db.selectFrom('result_imports').selectAll().where('session_id', '=', sessionId).orderBy('created_at', 'desc').limit(50).execute();
}

/**
 * The session's registrations of the candidates with these (ID type, blind index) keys, with whether each has a
 * current result: looked up by the learners' unique (id_type, id_number_hash) index — nothing is decrypted.
 */
export async function registrationsByKeys(db: Db, sessionId: string, idTypes: string[], hashes: string[]) {
  const r = await sql<{
    id_type: string;
    id_number_hash: string;
    registration_id: string;
    status: string;
    name: string;
    has_result: boolean;
  }>`
    SELECT l.id_type, l.id_number_hash, r.id AS registration_id, r.status, l.name,
           EXISTS (SELECT 1 FROM exam_results er WHERE er.registration_id = r.id AND er.superseded_at IS NULL) AS has_result
    FROM unnest(${idTypes}::text[], ${hashes}::text[]) AS k (id_type, id_number_hash)
    JOIN learners l ON l.id_type = k.id_type AND l.id_number_hash = k.id_number_hash
    JOIN exam_registrations r ON r.learner_id = l.id AND r.session_id = ${sessionId}`.execute(db);
  return r.rows;
}

export async function insertImportFile(
  trx: Db,
  f: { sha256: string; bytes: Buffer; name: string; mime: string; at: Date; by: string | null; provinceCode: string; orgId: string },
): Promise<string> {
  const r = await trx
    .insertInto('files')
    .values({
      sha256: f.sha256,
      size: f.bytes.length,
      mime: f.mime,
      original_name: f.name,
      bytes: f.bytes,
      created_at: f.at,
      created_by: f.by,
      province_code: f.provinceCode,
      org_id: f.orgId,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return r.id;
}

export function fileBytes(db: Db, id: string) {
  return db.selectFrom('files').select(['bytes', 'original_name']).where('id', '=', id).executeTakeFirst();
}

export interface NewImport {
  sessionId: string;
  orgId: string;
  provinceCode: string;
  sha256: string;
  fileName: string;
  fileId: string | null;
  kind: ResultImportKind;
  note: string | null;
  at: Date;
  by: string | null;
}

/** A queued job; a failed import of the same file is queued again (its row is reused: one row per file and session). */
export async function enqueueImport(trx: Db, v: NewImport): Promise<string | null> {
  const r = await trx
    .insertInto('result_imports')
    .values({
      session_id: v.sessionId,
      org_id: v.orgId,
      province_code: v.provinceCode,
      file_sha256: v.sha256,
      file_name: v.fileName,
      file_id: v.fileId,
      kind: v.kind,
      correction_note: v.note,
      status: 'queued',
      created_at: v.at,
      created_by: v.by,
    })
    .onConflict((c) =>
      c
        .columns(['session_id', 'file_sha256'])
        .doUpdateSet({
          file_name: v.fileName,
          file_id: v.fileId,
          kind: v.kind,
          correction_note: v.note,
          status: 'queued',
          rows: 0,
          passed: 0,
          failed: 0,
          progress: 0,
          errors: '[]',
          message: null,
          created_at: v.at,
          created_by: v.by,
          started_at: null,
          finished_at: null,
          attempts: 0,
        })
        .where('result_imports.status', '=', 'failed'),
    )
    .returning('id')
    .executeTakeFirst();
  return r?.id ?? null;
}

/** Records a succeeded import (the synchronous path inserts it; a job updates its own row). Null when the file was imported meanwhile. */
export async function saveSucceededImport(
  trx: Tx,
  v: NewImport & { jobId: string | null; rows: number; passed: number; failed: number },
): Promise<string | null> {
  const done = {
    status: 'succeeded' as const,
    rows: v.rows,
    passed: v.passed,
    failed: v.failed,
    progress: 100,
    errors: '[]',
    message: null,
  };
  if (v.jobId) {
    const r = await trx
      .updateTable('result_imports')
      .set({ ...done, finished_at: v.at })
      .where('id', '=', v.jobId)
      .where('status', '=', 'running')
      .returning('id')
      .executeTakeFirst();
    return r?.id ?? null;
  }
  const r = await trx
    .insertInto('result_imports')
    .values({
      session_id: v.sessionId,
      org_id: v.orgId,
      province_code: v.provinceCode,
      file_sha256: v.sha256,
      file_name: v.fileName,
      file_id: v.fileId,
      kind: v.kind,
      correction_note: v.note,
      created_at: v.at,
      created_by: v.by,
      started_at: v.at,
      finished_at: v.at,
      ...done,
    })
    .onConflict((c) =>
      c
        .columns(['session_id', 'file_sha256'])
        .doUpdateSet({
          file_name: v.fileName,
          file_id: v.fileId,
          kind: v.kind,
          correction_note: v.note,
          created_at: v.at,
          created_by: v.by,
          started_at: v.at,
          finished_at: v.at,
          ...done,
        })
        .where('result_imports.status', '=', 'failed'),
    )
    .returning('id')
    .executeTakeFirst();
  return r?.id ?? null;
}

/**
 * Claims the oldest queued job (or one left running by a process that stopped before `staleBefore`) with
 * FOR UPDATE SKIP LOCKED, so that several workers never take the same job; marks it running and counts the attempt.
 * A job left running after `maxAttempts` claims is marked failed first (its runs stopped the process each time).
 */
export async function claimNextImport(db: Db, at: Date, staleBefore: Date, maxAttempts: number) {
  return db.transaction().execute(async (trx) => {
    await trx
      .updateTable('result_imports')
      .set({
        status: 'failed',
        progress: 100,
        finished_at: at,
        message: `该导入已中断 ${maxAttempts} 次（处理时服务停止或崩溃），不再重试，未写入任何成绩；请检查文件后重新上传`,
      })
      .where('status', '=', 'running')
      .where('started_at', '<', staleBefore)
      .where('attempts', '>=', maxAttempts)
      .execute();
    const next = await trx
      .selectFrom('result_imports')
      .select('id')
      .where((eb) => eb.or([eb('status', '=', 'queued'), eb.and([eb('status', '=', 'running'), eb('started_at', '<', staleBefore)])]))
      .orderBy('created_at')
      .limit(1)
      .forUpdate()
      .skipLocked()
      .executeTakeFirst();
    if (!next) return null;
    return trx
      .updateTable('result_imports')
      .set((eb) => ({ status: 'running', started_at: at, progress: 0, attempts: eb('attempts', '+', 1) }))
      .where('id', '=', next.id)
      .returningAll()
      .executeTakeFirstOrThrow();
  });
}

export async function setProgress(db: Db, id: string, progress: number, counts?: { rows: number; passed: number; failed: number }) {
  await db
    .updateTable('result_imports')
    .set({ progress: Math.max(0, Math.min(99, Math.round(progress))), ...(counts ?? {}) })
    .where('id', '=', id)
    .where('status', '=', 'running')
    .execute();
}

export async function failImport(
  db: Db,
  id: string,
  at: Date,
  v: { errors: ImportErrorDto[]; message: string | null; rows: number; passed: number; failed: number },
) {
  await db
    .updateTable('result_imports')
    .set({
      status: 'failed',
      progress: 100,
      finished_at: at,
      errors: JSON.stringify(v.errors.slice(0, MAX_REPORTED_IMPORT_ERRORS)),
      message: v.message,
      rows: v.rows,
      passed: v.passed,
      failed: v.failed,
    })
    .where('id', '=', id)
    .execute();
}

/** Marks the current results of these registrations superseded by a correction (history kept). */
export async function supersedeResults(trx: Tx, registrationIds: string[], importId: string, at: Date): Promise<number> {
  const r = await sql`
    UPDATE exam_results SET superseded_at = ${at}, superseded_by_import_id = ${importId}
    WHERE registration_id = ANY(${registrationIds}::uuid[]) AND superseded_at IS NULL`.execute(trx);
  return Number(r.numAffectedRows ?? 0);
}

/**
 * Inserts results as one multi-row statement per chunk (arrays unnested server side: three parameters whatever
 * the chunk size). Only registrations still `registered` in the session are written; returns how many were.
 */
export async function insertResults(
  trx: Tx,
  v: { sessionId: string; provinceCode: string; importId: string; at: Date },
  registrationIds: string[],
  scores: string[],
  passed: boolean[],
): Promise<number> {
  const r = await sql`
    INSERT INTO exam_results (registration_id, session_id, province_code, score, passed, import_id, created_at)
    SELECT u.registration_id, ${v.sessionId}, ${v.provinceCode}, u.score, u.passed, ${v.importId}, ${v.at}
    FROM unnest(${registrationIds}::uuid[], ${scores}::numeric[], ${passed}::boolean[]) AS u (registration_id, score, passed)
    JOIN exam_registrations r ON r.id = u.registration_id AND r.session_id = ${v.sessionId} AND r.status = 'registered'`.execute(trx);
  return Number(r.numAffectedRows ?? 0);
}

/** The session's status after an import (R5.2 table: enter_scores), with its event row. */
export async function enterScores(trx: Tx, v: { sessionId: string; provinceCode: string; from: 'examined'; at: Date; by: string | null }) {
  await trx
    .updateTable('exam_sessions')
    .set({ status: 'scores_entered', updated_at: v.at })
    .where('id', '=', v.sessionId)
    .where('status', '=', v.from)
    .execute();
  await trx
    .insertInto('exam_session_events')
    .values({
      session_id: v.sessionId,
      province_code: v.provinceCode,
      action: 'enter_scores',
      from_status: v.from,
      to_status: 'scores_entered',
      comment: null,
      actor_id: v.by,
      at: v.at,
    })
    .execute();
}

export async function publishScores(
  trx: Tx,
  v: { sessionId: string; provinceCode: string; at: Date; by: string | null; publicityDays: number },
) {
  const r = await trx
    .updateTable('exam_sessions')
    .set({ status: 'scores_published', scores_published_at: v.at, publicity_days: v.publicityDays, updated_at: v.at })
    .where('id', '=', v.sessionId)
    .where('status', '=', 'scores_entered')
    .executeTakeFirst();
  if (Number(r.numUpdatedRows) !== 1) return false;
  await trx
    .insertInto('exam_session_events')
    .values({
      session_id: v.sessionId,
      province_code: v.provinceCode,
      action: 'publish_scores',
      from_status: 'scores_entered',
      to_status: 'scores_published',
      comment: null,
      actor_id: v.by,
      at: v.at,
    })
    .execute();
  return true;
}

/** Registered candidates of a session without a current result (成绩公示 asks for them to be confirmed). */
export async function missingResultCount(db: Db, sessionId: string): Promise<number> {
  const r = await db
    .selectFrom('exam_registrations as r')
    .leftJoin('exam_results as er', (j) => j.onRef('er.registration_id', '=', 'r.id').on('er.superseded_at', 'is', null))
    .select((eb) => eb.fn.countAll<string>().as('n'))
    .where('r.session_id', '=', sessionId)
    .where('r.status', '=', 'registered')
    .where('er.id', 'is', null)
    .executeTakeFirstOrThrow();
  return Number(r.n);
}

/** The organization's current 公示期 setting: the default for a session's publication. */
export async function orgPublicityDays(db: Db, orgId: string): Promise<number> {
  const r = await db.selectFrom('evaluation_orgs').select('publicity_days').where('id', '=', orgId).executeTakeFirstOrThrow();
  return r.publicity_days;
}

export async function sessionResultCounts(db: Db, sessionId: string) {
  const r = await db
    .selectFrom('exam_results')
    .select((eb) => [eb.fn.countAll<string>().as('n'), eb.fn.count<string>('id').filterWhere('passed', '=', true).as('passed')])
    .where('session_id', '=', sessionId)
    .where('superseded_at', 'is', null)
    .executeTakeFirstOrThrow();
  return { candidates: Number(r.n), passed: Number(r.passed) };
}

/** Every registered candidate of a session, in the order of the candidates page (the results template's rows). */
export function allCandidates(db: Db, sessionId: string) {
  return db
    .selectFrom('exam_registrations as r')
    .innerJoin('learners as l', 'l.id', 'r.learner_id')
    .leftJoin('schools as s', 's.id', 'r.school_id')
    .where('r.session_id', '=', sessionId)
    .where('r.status', '=', 'registered')
    .select(['l.name', 'l.id_type', 'l.id_number_enc'])
    .orderBy('s.name')
    .orderBy('l.class_name')
    .orderBy('l.name')
    .orderBy('r.id')
    .execute();
}

/** A page of the session's registered candidates, with their encrypted ID numbers (the caller decrypts the page only). */
export async function candidatesPage(db: Db, sessionId: string, page: number, pageSize: number) {
  const base = db.selectFrom('exam_registrations as r').where('r.session_id', '=', sessionId).where('r.status', '=', 'registered');
  const [items, total] = await Promise.all([
    base
      .innerJoin('learners as l', 'l.id', 'r.learner_id')
      .leftJoin('schools as s', 's.id', 'r.school_id')
      .leftJoin('exam_results as er', (j) => j.onRef('er.registration_id', '=', 'r.id').on('er.superseded_at', 'is', null))
      .select(['r.id', 'l.name', 'l.id_type', 'l.id_number_enc', 'l.class_name', 's.name as school_name', 'er.score', 'er.passed'])
      .orderBy('s.name')
      .orderBy('l.class_name')
      .orderBy('l.name')
      .orderBy('r.id')
      .limit(pageSize)
      .offset((page - 1) * pageSize)
      .execute(),
    base.select((eb) => eb.fn.countAll<string>().as('n')).executeTakeFirstOrThrow(),
  ]);
  return { items, total: Number(total.n) };
}

/** The user who queued a job: the actor its audit row names. */
export function userOf(db: Db, id: string) {
  return db
    .selectFrom('users')
    .select(['id', 'username', 'display_name', 'role', 'province_code', 'city_code', 'school_id', 'department_id', 'org_id'])
    .where('id', '=', id)
    .executeTakeFirst();
}

/** A registration's learner (ID type, encrypted number, name): a single correction is checked like a file's row. */
export function registrationLearner(db: Db, registrationId: string) {
  return db
    .selectFrom('exam_registrations as r')
    .innerJoin('learners as l', 'l.id', 'r.learner_id')
    .select(['r.id', 'r.session_id', 'l.id_type', 'l.id_number_enc', 'l.name'])
    .where('r.id', '=', registrationId)
    .executeTakeFirst();
}
