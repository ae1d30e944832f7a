import {
  type PublicSchoolRegistrationDto,
  SCHOOL_REGISTRATION_PROOF_MAX_BYTES,
  SCHOOL_TYPE_LABELS,
  type SchoolDto,
  type SchoolSelfRegistrationInput,
  type SchoolSelfRegistrationRequest,
} from '@onex/shared';
import { type RequestContext, requireActor } from '../../auth/actor';
import { hashPassword, assertPasswordAllowed } from '../../auth/password';
import { isUniqueViolation } from '../../db/errors';
import type { Db } from '../../db/types';
import type { Deps } from '../../lib/deps';
import { AppError, notFound } from '../../lib/errors';
import { auditedTransaction } from '../audit/audit.service';
import { storeEvidenceFile } from '../files/files.service';
import { insertNotifications } from '../notifications/notifications.queries';
import { notify } from '../notifications/notifications.service';
import { canSeeSchool } from '../schools/schools.policy';
import { lockSchool } from '../schools/schools.queries';
import { checkCityInProvince, checkNotRegistered, getSchool, refuseTechnicalSchool } from '../schools/schools.service';
import * as q from './school-registrations.queries';
import { mayDecideRegistration, newRegistrationCode, registrationNotices } from './school-registrations.rules';

export interface ProofFile {
  bytes: Buffer;
  filename: string;
}

const KIND = 'school_registration';

function valuesOf(input: SchoolSelfRegistrationInput): q.RegistrationValues {
  refuseTechnicalSchool(input.schoolType);
  return {
    name: input.name,
    creditCode: input.creditCode,
    schoolType: input.schoolType,
    provinceCode: input.provinceCode,
    cityCode: input.cityCode,
    flags: [...new Set(input.flags)],
    address: input.address ?? null,
    contactName: input.contactName,
    contactPhone: input.contactPhone,
    leadingBody: input.leadingBody,
    leadingBodyHead: input.leadingBodyHead,
    responsibleDepartment: input.responsibleDepartment,
    responsiblePerson: input.responsiblePerson,
  };
}

/** The school's facts an audit row and the province's notification carry (never the password or the tracking code). */
const summaryOf = (v: q.RegistrationValues) => ({ ...v, schoolTypeLabel: SCHOOL_TYPE_LABELS[v.schoolType].zh });
const scopeOf = (v: { provinceCode: string; cityCode: string }, id: string) => ({
  provinceCode: v.provinceCode,
  cityCode: v.cityCode,
  schoolId: id,
});

async function uniqueAsRegistered<T>(p: Promise<T>): Promise<T> {
  try {
    return await p;
  } catch (e) {
    if (isUniqueViolation(e)) {
      const constraint = (e as { constraint?: string }).constraint ?? '';
      throw new AppError(constraint.startsWith('users_') ? 'USERNAME_TAKEN' : 'SCHOOL_ALREADY_REGISTERED');
    }
    throw e;
  }
}

function storeProof(trx: Db, ctx: RequestContext, proof: ProofFile, v: q.RegistrationValues, schoolId: string, at: Date) {
  return storeEvidenceFile(trx, ctx, proof.bytes, proof.filename || 'proof.pdf', {
    at,
    owner: { provinceCode: v.provinceCode, schoolId },
    maxBytes: SCHOOL_REGISTRATION_PROOF_MAX_BYTES,
  });
}

function tellProvince(trx: Db, at: Date, v: q.RegistrationValues, schoolId: string, resubmitted: boolean) {
  return notify(trx, at, {
    to: { role: 'province_admin', provinceCode: v.provinceCode },
    kind: KIND,
    ...registrationNotices.submitted(v.name, resubmitted),
    link: `/schools/${schoolId}`,
  });
}

/**
 * A school registers itself without an account (R2.1, 002 四.3 自主进行注册申报): its identity (credit code checked),
 * type, region, flags, contact, the leading body and responsible department of 002 三.1 and its proof (PDF or image,
 * checked by content). The registration is `pending`; its first administrator account is created now, disabled until
 * the province approves. The province is notified; the applicant follows the registration with its tracking code.
 */
export async function selfRegister(
  deps: Deps,
  ctx: RequestContext,
  input: SchoolSelfRegistrationRequest,
  proof: ProofFile,
): Promise<{ id: string; trackingCode: string }> {
  const v = valuesOf(input);
  await checkCityInProvince(deps.db, v.cityCode, v.provinceCode);
  await checkNotRegistered(deps.db, v);
  assertPasswordAllowed(input.adminPassword, deps.config.demo);
  if (await q.usernameExists(deps.db, input.adminUsername)) throw new AppError('USERNAME_TAKEN');
  const passwordHash = await hashPassword(input.adminPassword);
  const trackingCode = newRegistrationCode();
  const id = await uniqueAsRegistered(
    auditedTransaction(deps, ctx, async (trx, now) => {
      const id = await q.insertRegistration(trx, v, trackingCode, now);
      const applicantId = await q.insertApplicant(trx, {
        username: input.adminUsername,
        displayName: input.adminDisplayName,
        passwordHash,
        provinceCode: v.provinceCode,
        cityCode: v.cityCode,
        schoolId: id,
        at: now,
      });
      const file = await storeProof(trx, ctx, proof, v, id, now);
      await q.linkProof(trx, id, applicantId, file.id);
      await tellProvince(trx, now, v, id, false);
      return {
        result: id,
        audit: {
          action: 'school.self_register',
          targetType: 'school',
          targetId: id,
          summary: {
            ...summaryOf(v),
            status: 'pending',
            adminUsername: input.adminUsername,
            adminAccountStatus: 'disabled',
            proof: { fileId: file.id, sha256: file.sha256, size: file.size },
          },
          scope: scopeOf(v, id),
        },
      };
    }),
  );
  return { id, trackingCode };
}

function toPublic(r: NonNullable<Awaited<ReturnType<typeof q.findByCode>>>): PublicSchoolRegistrationDto {
  return {
    trackingCode: r.registration_code!,
    schoolName: r.name,
    creditCode: r.credit_code ?? '',
    provinceName: r.province_name,
    status: r.status,
    submittedAt: (r.submitted_at ?? r.created_at).toISOString(),
    approvedAt: r.approved_at?.toISOString() ?? null,
    returnReason: r.status === 'returned' ? r.return_reason : null,
    returnedAt: r.status === 'returned' ? (r.returned_at?.toISOString() ?? null) : null,
    adminUsername: r.applicant_username,
  };
}

/** The applicant follows its registration by the tracking code it was given (no account needed). */
export async function publicRegistration(deps: Deps, trackingCode: string): Promise<PublicSchoolRegistrationDto> {
  const r = await q.findByCode(deps.db, trackingCode);
  if (!r) throw notFound();
  return toPublic(r);
}

/** A returned registration, corrected and submitted again with its tracking code (the proof may be replaced). */
export async function resubmit(
  deps: Deps,
  ctx: RequestContext,
  trackingCode: string,
  input: SchoolSelfRegistrationInput,
  proof: ProofFile | null,
): Promise<PublicSchoolRegistrationDto> {
  const v = valuesOf(input);
  await checkCityInProvince(deps.db, v.cityCode, v.provinceCode);
  await uniqueAsRegistered(
    auditedTransaction(deps, ctx, async (trx, now) => {
      const r = await q.lockByCode(trx, trackingCode);
      if (!r) throw notFound();
      if (r.status !== 'returned') throw new AppError('SCHOOL_REGISTRATION_NOT_RETURNED');
      await checkNotRegistered(trx, v, r.id);
      const file = proof ? await storeProof(trx, ctx, proof, v, r.id, now) : null;
      if (!(await q.resubmit(trx, r.id, v, file?.id ?? null, now))) throw new AppError('SCHOOL_REGISTRATION_NOT_RETURNED');
      if (r.applicant_user_id) await q.moveApplicant(trx, r.applicant_user_id, v.provinceCode, v.cityCode);
      await tellProvince(trx, now, v, r.id, true);
      return {
        result: null,
        audit: {
          action: 'school.resubmit',
          targetType: 'school',
          targetId: r.id,
          summary: { ...summaryOf(v), status: 'pending', previousReturnReason: r.return_reason, newProof: file?.sha256 ?? null },
          scope: scopeOf(v, r.id),
        },
      };
    }),
  );
  return publicRegistration(deps, trackingCode);
}

/** The province returns a pending self-registration with its reason (R2.1); another province gets 404. */
export async function returnRegistration(deps: Deps, ctx: RequestContext, id: string, reason: string): Promise<SchoolDto> {
  const actor = requireActor(ctx, ['national_admin', 'province_admin']);
  await auditedTransaction(deps, ctx, async (trx, now) => {
    const row = await lockSchool(trx, id);
    const facts = row && { id: row.id, provinceCode: row.province_code, cityCode: row.city_code, status: row.status };
    if (!row || !facts || !canSeeSchool(actor, facts)) throw notFound();
    if (!row.self_registered) throw new AppError('FORBIDDEN');
    if (!mayDecideRegistration(actor, facts))
      throw new AppError(row.status === 'approved' ? 'SCHOOL_ALREADY_APPROVED' : 'SCHOOL_NOT_PENDING');
    if (!(await q.markReturned(trx, id, reason, actor.userId, now))) throw new AppError('SCHOOL_NOT_PENDING');
    if (row.applicant_user_id) {
      // The applicant's account is still disabled, so this is written for it directly (notify() reaches active accounts).
      await insertNotifications(trx, [
        { userId: row.applicant_user_id, kind: KIND, ...registrationNotices.returned(row.name, reason), link: null, at: now },
      ]);
    }
    return {
      result: null,
      audit: {
        action: 'school.return',
        targetType: 'school',
        targetId: id,
        summary: { name: row.name, reason },
        scope: scopeOf({ provinceCode: row.province_code, cityCode: row.city_code }, id),
      },
    };
  });
  return getSchool(deps, ctx, id);
}
