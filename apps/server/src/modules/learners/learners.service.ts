import { createHash } from 'node:crypto';
import {
  type IdType,
  type LearnerDto,
  type LearnerInput,
  type LearnerQuery,
  type Page,
  idNumberProblem,
  type learnerActivationSchema,
  type learnerRegistrationSchema,
  normalizeIdNumber,
} from '@onex/shared';
import type { z } from 'zod';
import { type Actor, type RequestContext, requireActor } from '../../auth/actor';
import { hashPassword, assertPasswordAllowed } from '../../auth/password';
import { scopeOf } from '../../auth/scope';
import type { Db } from '../../db/types';
import { isUniqueViolation } from '../../db/errors';
import type { Deps } from '../../lib/deps';
import { AppError, notFound } from '../../lib/errors';
import { decryptIdNumber, idNumberHash, presentIdNumber, protectIdNumber } from '../../lib/personal-id';
import { seal } from '../../lib/secret-box';
import { auditedTransaction } from '../audit/audit.service';
import { accountsForLearners } from '../learning-accounts/ledger';
import { buildLearnersTemplate, parseLearnersFile } from './learners.import';
import {
  LEARNER_READ_ROLES,
  LEARNER_WRITE_ROLES,
  type LearnerFacts,
  idNumberVisibleTo,
  mayManageSchoolLearners,
  mayReadLearner,
} from './learners.policy';
import * as q from './learners.queries';
import { activationCodeHash, activationExpiry, newActivationCode } from './learners.rules';

/**
 * Learners (issue 5 item 2): pilot students enrolled by their school (form or .xlsx import) who activate their
 * own account with a code the school hands out, and social learners who register themselves. ID numbers are
 * encrypted, found by blind index and shown masked except to the learner, its school and an examining organization.
 */

async function uniqueAs<T>(code: 'ID_NUMBER_TAKEN' | 'USERNAME_TAKEN', p: Promise<T>): Promise<T> {
  try {
    return await p;
  } catch (e) {
    if (isUniqueViolation(e)) throw new AppError(code);
    throw e;
  }
}

function factsOf(r: q.LearnerRow, examinedByActorOrg = false): LearnerFacts {
  return {
    schoolId: r.school_id,
    provinceCode: r.province_code,
    cityCode: r.city_code,
    departmentId: r.department_id,
    userId: r.user_id,
    examinedByActorOrg,
  };
}

function auditScope(r: { province_code: string | null; city_code: string | null; school_id: string | null }) {
  return { provinceCode: r.province_code, cityCode: r.city_code, schoolId: r.school_id };
}

export function toLearnerDto(secretKey: Buffer, r: q.LearnerRow, idVisible: boolean): LearnerDto {
  const id = presentIdNumber(secretKey, r.id_number_enc, idVisible);
  return {
    id: r.id,
    kind: r.kind,
    name: r.name,
    idType: r.id_type,
    idNumber: id.idNumber,
    idNumberMasked: id.idNumberMasked,
    idNumberVisible: idVisible,
    school: r.school_id ? { id: r.school_id, name: r.school_name ?? '' } : null,
    provinceCode: r.province_code,
    department: r.department_id ? { id: r.department_id, name: r.department_name ?? '' } : null,
    major: r.school_major_id ? { id: r.school_major_id, name: r.major_name ?? '' } : null,
    className: r.class_name,
    povertyRegistered: r.poverty_registered,
    activated: r.activated_at !== null,
    activatedAt: r.activated_at ? r.activated_at.toISOString() : null,
    activationExpiresAt: r.activated_at === null && r.activation_expires_at ? r.activation_expires_at.toISOString() : null,
    username: r.username,
    createdAt: r.created_at.toISOString(),
  };
}

/** A learner the actor may read, with whether it sees the full ID number; 404 outside its scope. */
async function readable(deps: Deps, actor: Actor, id: string): Promise<{ row: q.LearnerRow; facts: LearnerFacts }> {
  const row = await q.findLearner(deps.db, id);
  if (!row) throw notFound();
  const examined = actor.role === 'org_admin' && actor.orgId ? await q.orgExaminesLearner(deps.db, actor.orgId, id) : false;
  const facts = factsOf(row, examined);
  if (!mayReadLearner(actor, facts)) throw notFound();
  return { row, facts };
}

export async function getLearner(deps: Deps, ctx: RequestContext, id: string): Promise<LearnerDto> {
  const actor = requireActor(ctx, LEARNER_READ_ROLES);
  const { row, facts } = await readable(deps, actor, id);
  return toLearnerDto(deps.config.secretKey, row, idNumberVisibleTo(actor, facts));
}

export async function myLearner(deps: Deps, ctx: RequestContext): Promise<LearnerDto> {
  const actor = requireActor(ctx, ['learner']);
  const row = await q.findLearnerByUser(deps.db, actor.userId);
  if (!row) throw notFound();
  return toLearnerDto(deps.config.secretKey, row, true);
}

export async function listLearners(deps: Deps, ctx: RequestContext, query: LearnerQuery): Promise<Page<LearnerDto>> {
  const actor = requireActor(ctx, LEARNER_READ_ROLES);
  let idHash: string | undefined;
  if (query.idNumber) idHash = idNumberHash(deps.config.secretKey, query.idNumber);
  const bool = (v: 'true' | 'false' | undefined) => (v === undefined ? undefined : v === 'true');
  const { items, total } = await q.listLearners(
    deps.db,
    scopeOf(actor),
    {
      schoolId: query.schoolId,
      kind: query.kind,
      q: query.q,
      idHash,
      povertyRegistered: bool(query.povertyRegistered),
      activated: bool(query.activated),
    },
    query.page,
    query.pageSize,
  );
  // Org scope lists only examined learners, so each of them is examined by the actor's organization.
  const examined = actor.role === 'org_admin';
  return {
    items: items
      .filter((r) => !query.idType || r.id_type === query.idType)
      .map((r) => toLearnerDto(deps.config.secretKey, r, idNumberVisibleTo(actor, factsOf(r, examined)))),
    total,
    page: query.page,
    pageSize: query.pageSize,
  };
}

async function schoolToManage(deps: Deps, actor: Actor, schoolId: string | null | undefined) {
  const id = schoolId ?? actor.schoolId;
  if (!id) throw new AppError('VALIDATION_FAILED', { fields: [{ path: 'schoolId', message: '请选择学校' }] });
  const school = await q.findSchool(deps.db, id);
  if (!school) throw notFound();
  // Another school's learners are out of scope: 404, not 403.
  if (!mayManageSchoolLearners(actor, id)) throw notFound();
  return school;
}

function majorFor(majors: { id: string; name: string; major_code: string; department_id: string }[], key: string | null | undefined) {
  if (!key) return undefined;
  return majors.find((m) => m.id === key || m.name === key || m.major_code === key);
}

/** Enrols one pilot student of the actor's school (form); returns the activation code once. */
export async function createLearner(
  deps: Deps,
  ctx: RequestContext,
  input: LearnerInput & { schoolId?: string | null },
): Promise<{ learner: LearnerDto; activationCode: string; activationExpiresAt: string }> {
  const actor = requireActor(ctx, LEARNER_WRITE_ROLES);
  const school = await schoolToManage(deps, actor, input.schoolId);
  const problem = idNumberProblem(input.idType, input.idNumber);
  if (problem) throw new AppError('VALIDATION_FAILED', { fields: [{ path: 'idNumber', message: problem }] });
  const majors = await q.majorsOfSchool(deps.db, school.id);
  const major = input.schoolMajorId ? majors.find((m) => m.id === input.schoolMajorId) : undefined;
  if (input.schoolMajorId && !major)
    throw new AppError('VALIDATION_FAILED', { fields: [{ path: 'schoolMajorId', message: '所选专业不属于本校' }] });
  const code = newActivationCode();
  return auditedTransaction(deps, ctx, async (trx, now) => {
    const protectedId = protectIdNumber(deps.config.secretKey, input.idNumber);
    if (await q.findLearnerByIdHash(trx, input.idType, protectedId.id_number_hash)) throw new AppError('ID_NUMBER_TAKEN');
    const expires = activationExpiry(now);
    const id = await uniqueAs(
      'ID_NUMBER_TAKEN',
      q.insertLearner(trx, {
        kind: 'pilot_student',
        userId: null,
        schoolId: school.id,
        provinceCode: school.province_code,
        cityCode: school.city_code,
        departmentId: major?.department_id ?? null,
        schoolMajorId: major?.id ?? null,
        className: input.className ?? null,
        name: input.name,
        idType: input.idType,
        protectedId,
        povertyRegistered: input.povertyRegistered,
        activationCodeHash: activationCodeHash(code),
        activationExpiresAt: expires,
        activatedAt: null,
        createdAt: now,
        createdBy: actor.userId,
      }),
    );
    // R7.1: every learner has a learning account (one per person, by the blind index).
    await accountsForLearners(trx, [id], 'learner', now, actor.userId);
    const row = (await q.findLearner(trx, id))!;
    return {
      result: { learner: toLearnerDto(deps.config.secretKey, row, true), activationCode: code, activationExpiresAt: expires.toISOString() },
      audit: {
        action: 'learner.create',
        targetType: 'learner',
        targetId: id,
        summary: { name: input.name, idType: input.idType, povertyRegistered: input.povertyRegistered, schoolMajorId: major?.id ?? null },
        scope: auditScope(row),
      },
    };
  });
}

/** A new activation code for a learner not yet activated (the old one stops working). */
export async function regenerateActivationCode(
  deps: Deps,
  ctx: RequestContext,
  id: string,
): Promise<{ learnerId: string; activationCode: string; expiresAt: string }> {
  const actor = requireActor(ctx, LEARNER_READ_ROLES);
  const { row } = await readable(deps, actor, id);
  if (!row.school_id || !mayManageSchoolLearners(actor, row.school_id)) throw new AppError('FORBIDDEN');
  if (row.activated_at) throw new AppError('LEARNER_ALREADY_ACTIVATED');
  const code = newActivationCode();
  return auditedTransaction(deps, ctx, async (trx, now) => {
    const expires = activationExpiry(now);
    await q.setActivationCode(trx, id, activationCodeHash(code), expires, now);
    return {
      result: { learnerId: id, activationCode: code, expiresAt: expires.toISOString() },
      audit: {
        action: 'learner.activation_code',
        targetType: 'learner',
        targetId: id,
        summary: { expiresAt: expires.toISOString() },
        scope: auditScope(row),
      },
    };
  });
}

/** Activation by the learner (public): the code, optionally the last six characters of the ID number, and a password. */
export async function activateLearner(
  deps: Deps,
  ctx: RequestContext,
  input: z.infer<typeof learnerActivationSchema>,
): Promise<{ learnerId: string; username: string }> {
  assertPasswordAllowed(input.password, deps.config.demo);
  const passwordHash = await hashPassword(input.password);
  return auditedTransaction(deps, ctx, async (trx, now) => {
    const row = await q.findLearnerByActivationHash(trx, activationCodeHash(input.activationCode));
    if (!row || row.user_id || !row.activation_expires_at || row.activation_expires_at.getTime() < now.getTime())
      throw new AppError('ACTIVATION_INVALID');
    if (input.idNumberLast6) {
      const n = decryptIdNumber(deps.config.secretKey, row.id_number_enc);
      if (n.slice(-6) !== normalizeIdNumber(input.idNumberLast6)) throw new AppError('ACTIVATION_INVALID');
    }
    if (await q.usernameTaken(trx, input.username)) throw new AppError('USERNAME_TAKEN');
    const userId = await uniqueAs(
      'USERNAME_TAKEN',
      q.insertLearnerUser(trx, {
        username: input.username,
        displayName: row.name,
        passwordHash,
        provinceCode: row.province_code,
        createdAt: now,
      }),
    );
    if (!(await q.linkUser(trx, row.id, userId, now))) throw new AppError('LEARNER_ALREADY_ACTIVATED');
    return {
      result: { learnerId: row.id, username: input.username },
      audit: {
        action: 'learner.activate',
        targetType: 'learner',
        targetId: row.id,
        summary: { username: input.username, userId },
        scope: auditScope(row),
      },
    };
  });
}

/** The secret-box purpose of a social learner's sealed phone number. */
export const LEARNER_PHONE_PURPOSE = 'learner-phone';

/** A social learner (社会学习者) registers itself: a learner account and its learner record at once. */
export async function registerSocialLearner(
  deps: Deps,
  ctx: RequestContext,
  input: z.infer<typeof learnerRegistrationSchema>,
): Promise<{ learnerId: string; username: string }> {
  assertPasswordAllowed(input.password, deps.config.demo);
  const passwordHash = await hashPassword(input.password);
  return auditedTransaction(deps, ctx, async (trx, now) => {
    const protectedId = protectIdNumber(deps.config.secretKey, input.idNumber);
    if (await q.findLearnerByIdHash(trx, input.idType, protectedId.id_number_hash)) throw new AppError('ID_NUMBER_TAKEN');
    if (await q.usernameTaken(trx, input.username)) throw new AppError('USERNAME_TAKEN');
    const provinceCode = input.provinceCode ?? null;
    const userId = await uniqueAs(
      'USERNAME_TAKEN',
      q.insertLearnerUser(trx, { username: input.username, displayName: input.name, passwordHash, provinceCode, createdAt: now }),
    );
    const id = await uniqueAs(
      'ID_NUMBER_TAKEN',
      q.insertLearner(trx, {
        kind: 'social',
        userId,
        schoolId: null,
        provinceCode,
        cityCode: null,
        departmentId: null,
        schoolMajorId: null,
        className: null,
        name: input.name,
        idType: input.idType,
        protectedId,
        povertyRegistered: false,
        activationCodeHash: null,
        activationExpiresAt: null,
        activatedAt: now,
        createdAt: now,
        createdBy: null,
      }),
    );
    await q.setSocialContact(trx, id, {
      phoneSealed: seal(deps.config.secretKey, LEARNER_PHONE_PURPOSE, Buffer.from(input.phone)),
      phoneLast4: input.phone.slice(-4),
      consentAt: now,
    });
    await accountsForLearners(trx, [id], 'learner', now, null);
    return {
      result: { learnerId: id, username: input.username },
      audit: {
        action: 'learner.register',
        targetType: 'learner',
        targetId: id,
        summary: { username: input.username, userId, idType: input.idType, privacyConsent: true },
        scope: { provinceCode },
      },
    };
  });
}

export async function learnersImportTemplate(
  deps: Deps,
  ctx: RequestContext,
  schoolId?: string,
): Promise<{ bytes: Buffer; filename: string }> {
  const actor = requireActor(ctx, LEARNER_WRITE_ROLES);
  const school = await schoolToManage(deps, actor, schoolId);
  const majors = await q.majorsOfSchool(deps.db, school.id);
  return {
    bytes: await buildLearnersTemplate(
      school.name,
      majors.map((m) => m.name),
    ),
    filename: `${school.name}-试点学生导入模板.xlsx`,
  };
}

/** Imports pilot students from .xlsx (all or nothing; errors by row and column in Chinese); returns the codes once. */
export async function importLearners(
  deps: Deps,
  ctx: RequestContext,
  file: { bytes: Buffer; filename: string },
  schoolId?: string,
): Promise<{
  rows: number;
  created: number;
  activationCodes: { row: number; learnerId: string; name: string; className: string | null; activationCode: string }[];
  activationExpiresAt: string;
}> {
  const actor = requireActor(ctx, LEARNER_WRITE_ROLES);
  const school = await schoolToManage(deps, actor, schoolId);
  const parsed = await parseLearnersFile(file.bytes);
  const key = deps.config.secretKey;
  return auditedTransaction(deps, ctx, async (trx, now) => {
    const majors = await q.majorsOfSchool(trx, school.id);
    const errors = [...parsed.errors];
    const hashes = parsed.rows.map((r) => ({ idType: r.idType as IdType, hash: idNumberHash(key, r.idNumber) }));
    const existing = await q.existingIdHashes(trx, hashes);
    const firstRow = new Map<string, number>();
    parsed.rows.forEach((r, i) => {
      if (!majorFor(majors, r.major))
        errors.push({
          row: r.row,
          column: '专业',
          code: 'MAJOR_NOT_FOUND',
          message: `本校没有名称或代码为“${r.major}”的专业，请先在平台上登记`,
        });
      const k = `${hashes[i]!.idType}:${hashes[i]!.hash}`;
      if (existing.has(k)) errors.push({ row: r.row, column: '证件号码', code: 'ID_NUMBER_TAKEN', message: '该证件号码已登记为学习者' });
      else if (firstRow.has(k))
        errors.push({ row: r.row, column: '证件号码', code: 'DUPLICATE_ROW', message: `证件号码与第 ${firstRow.get(k)} 行重复` });
      else firstRow.set(k, r.row);
    });
    if (errors.length) throw new AppError('IMPORT_INVALID', { errors: errors.sort((a, b) => a.row - b.row) });
    const expires = activationExpiry(now);
    const codes = [];
    for (const r of parsed.rows) {
      const major = majorFor(majors, r.major)!;
      const code = newActivationCode();
      const id = await uniqueAs(
        'ID_NUMBER_TAKEN',
        q.insertLearner(trx, {
          kind: 'pilot_student',
          userId: null,
          schoolId: school.id,
          provinceCode: school.province_code,
          cityCode: school.city_code,
          departmentId: major.department_id,
          schoolMajorId: major.id,
          className: r.className,
          name: r.name,
          idType: r.idType,
          protectedId: protectIdNumber(key, r.idNumber),
          povertyRegistered: r.povertyRegistered,
          activationCodeHash: activationCodeHash(code),
          activationExpiresAt: expires,
          activatedAt: null,
          createdAt: now,
          createdBy: actor.userId,
        }),
      );
      codes.push({ row: r.row, learnerId: id, name: r.name, className: r.className, activationCode: code });
    }
    await accountsForLearners(
      trx,
      codes.map((c) => c.learnerId),
      'learner',
      now,
      actor.userId,
    );
    const sha256 = createHash('sha256').update(file.bytes).digest('hex');
    return {
      result: { rows: parsed.rows.length, created: codes.length, activationCodes: codes, activationExpiresAt: expires.toISOString() },
      audit: {
        action: 'learner.import',
        targetType: 'school',
        targetId: school.id,
        summary: { filename: file.filename, sha256, rows: parsed.rows.length, created: codes.length },
        scope: { provinceCode: school.province_code, cityCode: school.city_code, schoolId: school.id },
      },
    };
  });
}

// ---- For other modules (registrations, results import, certificates) ----

/** The learner of a user account (role learner), or undefined. */
export async function learnerOfUser(db: Db, userId: string) {
  const r = await q.findLearnerByUser(db, userId);
  return r ? { id: r.id, name: r.name, schoolId: r.school_id, kind: r.kind, povertyRegistered: r.poverty_registered } : undefined;
}

/** Finds a learner by ID type and number through the blind index (never decrypting the table). */
export async function findLearnerIdByNumber(db: Db, secretKey: Buffer, idType: IdType, idNumber: string): Promise<string | undefined> {
  const r = await q.findLearnerByIdHash(db, idType, idNumberHash(secretKey, idNumber));
  return r?.id;
}
