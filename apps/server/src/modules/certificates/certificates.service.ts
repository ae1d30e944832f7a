import { randomBytes, randomUUID } from 'node:crypto';
import {
  type CertificateDto,
  type CredentialResultDto,
  type IssuerDto,
  type IssuerKeyDto,
  type Page,
  type PublicCertificateDto,
  type SessionCertificateDto,
  type ShareLinkDto,
  type VerifyResultDto,
  type certificateQuerySchema,
  certificateNumber,
  maskIdNumber,
  shareLinkActive,
} from '@onex/shared';
import { base58 } from '@scure/base';
import type { z } from 'zod';
import { type Actor, type RequestContext, requireActor } from '../../auth/actor';
import { type Scope, scopeOf } from '../../auth/scope';
import { containsPattern, paginate } from '../../db/list-query';
import { scopeWhere } from '../../db/scope-filter';
import type { Db } from '../../db/types';
import type { Deps } from '../../lib/deps';
import { AppError, notFound } from '../../lib/errors';
import { decryptIdNumber } from '../../lib/personal-id';
import { proofSigner } from '../../lib/vc/data-integrity';
import { encodeStatusList } from '../../lib/vc/status-list';
import { recordAudit } from '../audit/audit.service';
import { chinaDate } from '../exam-sessions/exam-sessions.service';
import { accountsForLearners, depositOutcomes, withdrawFromTotals } from '../learning-accounts/ledger';
import { achievementName, credentialBatch, identityHash, urls } from './certificates.credential';
import { activeSigningKey, issuerDocument, listKeys, rotateKey } from './certificates.keys';
import * as q from './certificates.queries';
import { openReviewCount } from '../score-reviews/score-reviews.queries';
import { certificateEffect } from '../score-reviews/score-reviews.rules';

/**
 * Certificates (R6): issuance after 成绩公示 with a signed credential per certificate and the credit-bank deposit in
 * the same transaction (R6.5); revocation; public verification by number + name or by QR code; share links; the
 * issuers' keys and status lists that let anyone verify offline.
 */

const ISSUE_CHUNK = 2000;

/**
 * What certificates an actor may see, as a WHERE expression: the actor's scope (`scopeOf`) over the certificate's
 * facts, except that certificates carry no department (department staff and project leaders see their school's),
 * a learner sees the certificates of their own learner records, and experts (who review filings) see none.
 */
export function certificateWhere(a: Actor) {
  const scope: Scope = a.role === 'expert' ? { kind: 'none' } : scopeOf(a);
  if (scope.kind === 'self') return q.heldBy(scope.userId);
  return scopeWhere(scope.kind === 'department' ? { kind: 'school', schoolId: scope.schoolId } : scope, q.CERTIFICATE_SCOPE_COLUMNS);
}

/** A session of the actor's own organization (404 for anyone else: it is not theirs to know of). */
async function ownSession(db: Db, actor: Actor, sessionId: string, lock = false) {
  const s = await q.sessionForIssuance(db, sessionId, lock);
  if (!s || actor.role !== 'org_admin' || actor.orgId !== s.org_id) throw notFound();
  return s;
}

type PublicityFacts = { status: string; scores_published_at: Date | null; publicity_days: number };

/** When the publicity period of published scores ends (null while scores are not published). */
export function issuableFrom(s: PublicityFacts): Date | null {
  if (s.status !== 'scores_published' && s.status !== 'closed') return null;
  if (!s.scores_published_at) return null;
  return new Date(s.scores_published_at.getTime() + s.publicity_days * 86_400_000);
}

/** R6.1: issuance is allowed once scores are published and the organization's publicity period has passed. */
function issuanceOpen(s: PublicityFacts, now: Date): boolean {
  const from = issuableFrom(s);
  return from !== null && now.getTime() >= from.getTime();
}

/**
 * api-v1 `POST /exam-sessions/{id}/certificates`: a certificate for every passed candidate without one. Idempotent:
 * the session row is locked, candidates with a certificate are skipped, and the ledger deposit has one key per
 * certificate.
 */
export async function issueSessionCertificates(deps: Deps, ctx: RequestContext, sessionId: string) {
  const actor = requireActor(ctx, ['org_admin']);
  const now = deps.clock.now();
  return deps.db.transaction().execute(async (trx) => {
    const s = await ownSession(trx, actor, sessionId, true);
    if (!issuanceOpen(s, now)) {
      throw new AppError('SESSION_NOT_READY', {
        status: s.status,
        publicityDays: s.publicity_days,
        scoresPublishedAt: s.scores_published_at?.toISOString() ?? null,
        issuableFrom: issuableFrom(s)?.toISOString() ?? null,
      });
    }
    // Issue 17 item 4: issuance waits until the session's open score reviews (成绩复核) are answered.
    const openReviews = await openReviewCount(trx, sessionId);
    if (openReviews > 0) throw new AppError('SCORE_REVIEWS_OPEN', { openReviews });
    const r = await issueInTransaction(trx, deps.config, s, now, actor.userId);
    if (r.issued > 0) {
      await recordAudit(trx, ctx, now, {
        action: 'certificate.issue',
        targetType: 'exam_session',
        targetId: sessionId,
        summary: { issued: r.issued, alreadyIssued: r.alreadyIssued, keyNo: r.keyNo },
        scope: { provinceCode: s.province_code, cityCode: s.city_code, orgId: s.org_id },
      });
    }
    return { issued: r.issued, alreadyIssued: r.alreadyIssued };
  });
}

type IssuanceSession = NonNullable<Awaited<ReturnType<typeof q.sessionForIssuance>>>;

/**
 * Issuance itself, inside the caller's transaction with the session row locked (the demo seed calls it too): signs a
 * credential per passed candidate without a certificate, inserts the certificates in chunks and deposits each in the
 * holder's learning account (R6.5).
 */
export async function issueInTransaction(
  trx: Db,
  config: Pick<Deps['config'], 'secretKey' | 'publicUrl'>,
  s: IssuanceSession,
  now: Date,
  by: string | null,
): Promise<{ issued: number; alreadyIssued: number; keyNo?: number }> {
  const sessionId = s.id;
  const alreadyIssued = await q.countSessionCertificates(trx, sessionId);
  const candidates = await q.passedWithoutCertificate(trx, sessionId);
  if (candidates.length === 0) return { issued: 0, alreadyIssued };

  const key = await activeSigningKey(trx, config.secretKey, config.publicUrl, s.org_id, now, by);
  const created = now.toISOString().replace(/\.\d{3}Z$/, 'Z');
  const signer = proofSigner(key, key.verificationMethod, created);
  const batch = credentialBatch(
    {
      publicUrl: config.publicUrl,
      issuedAt: now,
      org: { id: s.org_id, name: s.org_name },
      certificateType: { id: s.certificate_type_id, name: s.type_name },
      level: s.level,
    },
    signer.proof,
  );
  const batchId = await q.insertCredentialBatch(trx, {
    org_id: s.org_id,
    session_id: sessionId,
    issuer_key_id: key.id,
    template: batch.template,
    created_at: now,
  });
  const issuedOn = chinaDate(now);
  const year = Number(issuedOn.slice(0, 4));
  const outcome = await q.creditOutcome(trx, s.certificate_type_id, s.level);
  const allEntries = await q.allocateStatusEntries(trx, s.org_id, candidates.length, now);
  const allSerials = await q.nextSerials(trx, candidates.length);
  // Signing (CPU) of the next chunk overlaps with the database writing the previous one (accounts, certificates,
  // deposits).
  let writing: Promise<void> = Promise.resolve();
  for (let start = 0; start < candidates.length; start += ISSUE_CHUNK) {
    const part = candidates.slice(start, start + ISSUE_CHUNK);
    const entries = allEntries.slice(start, start + ISSUE_CHUNK);
    const serials = allSerials.slice(start, start + ISSUE_CHUNK);
    const rows: q.NewCertificate[] = [];
    for (const [i, c] of part.entries()) {
      // Let the event loop send the previous chunk's next statement while this chunk is signed.
      if (i % 20 === 19) await new Promise((r) => setImmediate(r));
      rows.push(certificateRow(c, i));
    }
    function certificateRow(c: (typeof part)[number], i: number): q.NewCertificate {
      const idNumber = decryptIdNumber(config.secretKey, c.id_number_enc);
      const number = certificateNumber(year, s.level, serials[i]!);
      const salt = randomBytes(8).toString('hex');
      const holder = {
        verificationCode: base58.encode(randomBytes(16)),
        holderName: c.name,
        holderIdHash: identityHash(idNumber, salt),
        salt,
        statusListId: entries[i]!.listId,
        statusIndex: entries[i]!.index,
      };
      return {
        id: randomUUID(),
        number,
        verification_code: holder.verificationCode,
        registration_id: c.registration_id,
        result_id: c.result_id,
        learner_id: c.learner_id,
        school_id: c.school_id,
        province_code: c.province_code,
        city_code: c.city_code,
        holder_name: c.name,
        holder_id_masked: maskIdNumber(idNumber),
        status_list_id: holder.statusListId,
        status_index: holder.statusIndex,
        holder_id_hash: holder.holderIdHash,
        holder_salt: salt,
        proof_value: signer.proofValue(batch.context, batch.unsecured(holder)),
      };
    }
    await writing;
    writing = writeChunk(rows);
    writing.catch(() => undefined); // handled: the next `await writing` rethrows and the transaction rolls back
  }
  await writing;
  return { issued: candidates.length, alreadyIssued, keyNo: key.keyNo };

  /**
   * Opens the holders' learning accounts, inserts the certificates and deposits them (R6.5). Each statement is built
   * while the one before it runs, so that the database never waits for this process between them.
   */
  async function writeChunk(rows: q.NewCertificate[]): Promise<void> {
    const accounts = accountsForLearners(
      trx,
      rows.map((r) => r.learner_id),
      'certificate',
      now,
      by,
    );
    const certificates = q.insertCertificates(
      trx,
      {
        session_id: sessionId,
        org_id: s.org_id,
        certificate_type_id: s.certificate_type_id,
        level: s.level,
        issued_on: issuedOn,
        issuer_key_id: key.id,
        batch_id: batchId,
        at: now,
        by,
      },
      rows,
    );
    certificates.catch(() => undefined); // awaited below; a failure of `accounts` comes first
    const accountOf = await accounts;
    // R6.5: every certificate enters the holder's learning account in this transaction.
    const deposits = depositOutcomes(
      trx,
      rows.map((r) => ({
        accountId: accountOf.get(r.learner_id)!,
        outcomeType: 'certificate' as const,
        name: outcome?.name ?? achievementName(s.type_name, s.level),
        level: s.level,
        credits: Number(outcome?.credits ?? 0),
        hours: outcome ? outcome.hours : null,
        recordedOn: issuedOn,
        source: s.org_name,
        sourceKind: 'certificate_issuance' as const,
        idempotencyKey: `certificate:${r.id}`,
        certificateId: r.id,
        creditOutcomeId: outcome?.id ?? null,
        schoolId: r.school_id,
        provinceCode: r.province_code,
      })),
      now,
      by,
    );
    await Promise.all([certificates, deposits]);
  }
}

/** api-v1 `GET /exam-sessions/{id}/certificates`. */
export async function listSessionCertificates(
  deps: Deps,
  ctx: RequestContext,
  sessionId: string,
  page: { page: number; pageSize: number },
): Promise<Page<SessionCertificateDto>> {
  const actor = requireActor(ctx, ['org_admin']);
  await ownSession(deps.db, actor, sessionId);
  const { items: rows, total } = await paginate(
    deps.db
      .selectFrom('certificates')
      .select(['number', 'registration_id', 'holder_name', 'verification_code', 'issued_on', 'revoked_at'])
      .where('session_id', '=', sessionId)
      .orderBy('number'),
    page.page,
    page.pageSize,
  );
  return {
    items: rows.map((r) => ({
      number: r.number,
      candidateId: r.registration_id,
      holderName: r.holder_name,
      verificationCode: r.verification_code,
      issuedOn: String(r.issued_on),
      status: r.revoked_at ? 'revoked' : 'valid',
    })),
    total,
    page: page.page,
    pageSize: page.pageSize,
  };
}

function toDto(r: q.CertificateRow, publicUrl: string): CertificateDto {
  return {
    id: r.id,
    number: r.number,
    status: r.revoked_at ? 'revoked' : 'valid',
    holderName: r.holder_name,
    holderIdMasked: r.holder_id_masked,
    certificateTypeId: r.certificate_type_id,
    certificateTypeName: r.type_name,
    level: r.level,
    organization: { id: r.org_id, name: r.org_name },
    schoolName: r.school_name,
    sessionId: r.session_id,
    issuedOn: String(r.issued_on),
    revokedOn: r.revoked_on ? String(r.revoked_on) : null,
    revocationReason: r.revocation_reason,
    verificationCode: r.verification_code,
    verificationUrl: urls(publicUrl).verificationPage(r.verification_code),
  };
}

/** Certificates the actor may see (organization, school, administrators; a learner: their own). */
export async function listCertificates(
  deps: Deps,
  ctx: RequestContext,
  f: z.infer<typeof certificateQuerySchema>,
): Promise<Page<CertificateDto>> {
  const actor = requireActor(ctx);
  let filtered = q.certificatesFrom(deps.db).where(certificateWhere(actor));
  if (f.sessionId) filtered = filtered.where('c.session_id', '=', f.sessionId);
  if (f.status === 'revoked') filtered = filtered.where('c.revoked_at', 'is not', null);
  if (f.status === 'valid') filtered = filtered.where('c.revoked_at', 'is', null);
  if (f.q)
    filtered = filtered.where((e) => e.or([e('c.number', '=', f.q!.toUpperCase()), e('c.holder_name', 'like', containsPattern(f.q!))]));
  // Counted on the certificates alone: each has exactly one type and one organization (required foreign keys) and
  // at most one school, so the joins change no count — and a national count over millions skips them.
  const ordered = q.certificatesBase(deps.db, filtered).orderBy('c.issued_on', 'desc').orderBy('c.number');
  const { items, total } = await paginate(ordered, f.page, f.pageSize, filtered);
  return { items: items.map((r) => toDto(r, deps.config.publicUrl)), total, page: f.page, pageSize: f.pageSize };
}

/** One certificate the actor may see (404 otherwise). */
export async function visibleCertificate(deps: Deps, actor: Actor, number: string): Promise<q.CertificateRow> {
  const r = await q.certificatesBase(deps.db).where('c.number', '=', number).where(certificateWhere(actor)).executeTakeFirst();
  if (!r) throw notFound();
  return r;
}

export async function getCertificate(deps: Deps, ctx: RequestContext, number: string): Promise<CertificateDto> {
  return toDto(await visibleCertificate(deps, requireActor(ctx), number), deps.config.publicUrl);
}

/** The signed credential (JSON text as signed) of a certificate the actor may see: holder, school, organization. */
export async function credentialFile(deps: Deps, ctx: RequestContext, number: string): Promise<string> {
  const r = await visibleCertificate(deps, requireActor(ctx), number);
  return q.credentialOf(deps.db, r.id);
}

/** R6.3: the issuing organization revokes with a reason; verification and the status list show it at once. */
export async function revokeCertificate(deps: Deps, ctx: RequestContext, number: string, reason: string): Promise<CertificateDto> {
  const actor = requireActor(ctx, ['org_admin']);
  const now = deps.clock.now();
  await deps.db.transaction().execute(async (trx) => {
    const c = await trx
      .selectFrom('certificates')
      .select(['id', 'org_id', 'revoked_at', 'province_code', 'city_code', 'school_id'])
      .where('number', '=', number)
      .forUpdate()
      .executeTakeFirst();
    if (!c || c.org_id !== actor.orgId) throw notFound();
    if (c.revoked_at) throw new AppError('CERTIFICATE_ALREADY_REVOKED');
    await revokeInTransaction(trx, ctx, { ...c, number }, reason, now, actor.userId);
  });
  return getCertificate(deps, ctx, number);
}

async function revokeInTransaction(
  trx: Db,
  ctx: RequestContext,
  c: { id: string; number: string; province_code: string; city_code: string | null; school_id: string | null; org_id: string },
  reason: string,
  now: Date,
  by: string | null,
): Promise<void> {
  await withdrawFromTotals(trx, { certificateIds: [c.id] }); // a revoked certificate's credits stop counting
  await trx
    .updateTable('certificates')
    .set({ revoked_at: now, revoked_on: chinaDate(now), revocation_reason: reason, revoked_by: by })
    .where('id', '=', c.id)
    .execute();
  await recordAudit(trx, ctx, now, {
    action: 'certificate.revoke',
    targetType: 'certificate',
    targetId: c.id,
    summary: { number: c.number, reason },
    scope: { provinceCode: c.province_code, cityCode: c.city_code, schoolId: c.school_id, orgId: c.org_id },
  });
}

/**
 * Issue 17 item 4: a candidate's certificate follows its corrected result, in the correction's transaction — a
 * certificate in force whose result is no longer passed is revoked with the reason; a passed result without a
 * certificate is issued when the session's certificates were issued already (otherwise the session's issuance,
 * which waits for the open reviews, includes it).
 */
export async function certificateFollowsResult(
  trx: Db,
  config: Pick<Deps['config'], 'secretKey' | 'publicUrl'>,
  ctx: RequestContext,
  v: { sessionId: string; registrationId: string; passed: boolean; reason: string; now: Date },
): Promise<'none' | 'issued' | 'revoked'> {
  const s = await q.sessionForIssuance(trx, v.sessionId, true);
  if (!s) throw notFound();
  const c = await trx
    .selectFrom('certificates')
    .select(['id', 'number', 'org_id', 'revoked_at', 'province_code', 'city_code', 'school_id'])
    .where('registration_id', '=', v.registrationId)
    .forUpdate()
    .executeTakeFirst();
  const sessionIssued = (await q.countSessionCertificates(trx, v.sessionId)) > 0;
  const effect = certificateEffect({ certificate: !c ? 'none' : c.revoked_at ? 'revoked' : 'valid', sessionIssued }, v.passed);
  const by = ctx.actor?.userId ?? null;
  if (effect === 'revoke' && c) {
    await revokeInTransaction(trx, ctx, c, v.reason, v.now, by);
    return 'revoked';
  }
  if (effect === 'issue') {
    const r = await issueInTransaction(trx, config, s, v.now, by);
    if (r.issued > 0)
      await recordAudit(trx, ctx, v.now, {
        action: 'certificate.issue',
        targetType: 'exam_session',
        targetId: v.sessionId,
        summary: { issued: r.issued, alreadyIssued: r.alreadyIssued, keyNo: r.keyNo, reason: v.reason },
        scope: { provinceCode: s.province_code, cityCode: s.city_code, orgId: s.org_id },
      });
    return 'issued';
  }
  return 'none';
}

export async function publicView(db: Db, r: q.VerificationRow, publicUrl: string): Promise<VerifyResultDto> {
  const { typeName, orgName } = await q.namesOf(db, r.certificate_type_id, r.org_id);
  const certificate: PublicCertificateDto = {
    number: r.number,
    holderName: r.holder_name,
    holderIdMasked: r.holder_id_masked,
    certificateTypeName: typeName,
    level: r.level,
    organizationName: orgName,
    issuedOn: String(r.issued_on),
    verificationUrl: urls(publicUrl).verificationPage(r.verification_code),
  };
  if (r.revoked_on) {
    certificate.revokedOn = String(r.revoked_on);
    certificate.revocationReason = r.revocation_reason ?? '';
  }
  return { result: r.revoked_on ? 'revoked' : 'valid', certificate };
}

/** Names compare after removing spaces (including the ideographic space) — nothing looser. */
const sameName = (a: string, b: string) => a.replace(/[\s\u3000]/g, '') === b.replace(/[\s\u3000]/g, '');

/** R6.2 api-v1 verify: the same 404 for an unknown number and a wrong name. */
export async function verifyCertificate(deps: Deps, number: string, name: string): Promise<VerifyResultDto> {
  const r = await q.findForVerification(deps.pool, number, deps.config.preparedStatements);
  if (!r || !sameName(r.holder_name, name)) throw new AppError('CERTIFICATE_NOT_FOUND');
  return publicView(deps.db, r, deps.config.publicUrl);
}

/** api-v1 `GET /public/credentials/{code}` (the QR code's target). */
export async function credentialByCode(deps: Deps, code: string): Promise<CredentialResultDto> {
  const r = await q.findByCode(deps.db, code);
  if (!r) throw new AppError('CERTIFICATE_NOT_FOUND');
  return {
    ...(await publicView(deps.db, r, deps.config.publicUrl)),
    credential: JSON.parse(q.credentialText(r)) as Record<string, unknown>,
  };
}

export async function issuer(deps: Deps, orgId: string): Promise<IssuerDto> {
  const doc = await issuerDocument(deps.db, deps.config.publicUrl, orgId);
  if (!doc) throw notFound();
  return doc;
}

/** api-v1 status list: a BitstringStatusListCredential signed by the organization's active key, built on request. */
export async function statusListCredential(deps: Deps, listId: string): Promise<Record<string, unknown>> {
  const list = await deps.db.selectFrom('status_lists').selectAll().where('id', '=', listId).executeTakeFirst();
  if (!list) throw notFound();
  const now = deps.clock.now();
  const u = urls(deps.config.publicUrl);
  const url = u.statusList(listId);
  const encodedList = encodeStatusList(await q.revokedIndexes(deps.db, listId), list.size);
  // A list exists only once its organization has issued, so its key exists: a plain read, no lock.
  const key = await activeSigningKey(deps.db, deps.config.secretKey, deps.config.publicUrl, list.org_id, now, null);
  const created = now.toISOString().replace(/\.\d{3}Z$/, 'Z');
  return proofSigner(
    key,
    key.verificationMethod,
    created,
  )({
    '@context': ['https://www.w3.org/ns/credentials/v2'],
    id: url,
    type: ['VerifiableCredential', 'BitstringStatusListCredential'],
    issuer: u.issuer(list.org_id),
    validFrom: created,
    credentialSubject: { id: `${url}#list`, type: 'BitstringStatusList', statusPurpose: 'revocation', encodedList },
  });
}

// ---- issuer keys and settings (organization) ----

export async function myKeys(deps: Deps, ctx: RequestContext): Promise<{ publicityDays: number; keys: IssuerKeyDto[] }> {
  const actor = requireActor(ctx, ['org_admin']);
  if (!actor.orgId) throw notFound();
  const org = await deps.db.selectFrom('evaluation_orgs').select('publicity_days').where('id', '=', actor.orgId).executeTakeFirstOrThrow();
  return { publicityDays: org.publicity_days, keys: await listKeys(deps.db, deps.config.publicUrl, actor.orgId) };
}

export async function rotateMyKey(deps: Deps, ctx: RequestContext) {
  const actor = requireActor(ctx, ['org_admin']);
  if (!actor.orgId) throw notFound();
  const orgId = actor.orgId;
  const now = deps.clock.now();
  await deps.db.transaction().execute(async (trx) => {
    const keyNo = await rotateKey(trx, deps.config.secretKey, orgId, now, actor.userId);
    await recordAudit(trx, ctx, now, {
      action: 'issuer_key.rotate',
      targetType: 'evaluation_org',
      targetId: orgId,
      summary: { keyNo },
      scope: { orgId },
    });
  });
  return myKeys(deps, ctx);
}

export async function setPublicityDays(deps: Deps, ctx: RequestContext, days: number) {
  const actor = requireActor(ctx, ['org_admin']);
  if (!actor.orgId) throw notFound();
  const orgId = actor.orgId;
  const now = deps.clock.now();
  await deps.db.transaction().execute(async (trx) => {
    await trx.updateTable('evaluation_orgs').set({ publicity_days: days, updated_at: now }).where('id', '=', orgId).execute();
    await recordAudit(trx, ctx, now, {
      action: 'org.publicity_days',
      targetType: 'evaluation_org',
      targetId: orgId,
      summary: { days },
      scope: { orgId },
    });
  });
  return myKeys(deps, ctx);
}

// ---- share links (holder) ----

function toLinkDto(
  r: { id: string; token: string; number: string; created_at: Date; expires_at: Date; revoked_at: Date | null },
  publicUrl: string,
  now: Date,
): ShareLinkDto {
  return {
    id: r.id,
    certificateNumber: r.number,
    url: urls(publicUrl).shareLink(r.token),
    createdAt: r.created_at.toISOString(),
    expiresAt: r.expires_at.toISOString(),
    revokedAt: r.revoked_at?.toISOString() ?? null,
    active: shareLinkActive({ expiresAt: r.expires_at, revokedAt: r.revoked_at }, now),
  };
}

/** A certificate of the signed-in learner's own (404 for anyone else). */
export async function ownCertificate(deps: Deps, actor: Actor, number: string) {
  if (actor.role !== 'learner') throw notFound();
  return visibleCertificate(deps, actor, number);
}

function linksOf(db: Db) {
  return db
    .selectFrom('certificate_share_links as l')
    .innerJoin('certificates as c', 'c.id', 'l.certificate_id')
    .select(['l.id', 'l.token', 'c.number', 'l.created_at', 'l.expires_at', 'l.revoked_at']);
}

export async function listShareLinks(deps: Deps, ctx: RequestContext, number: string): Promise<ShareLinkDto[]> {
  const c = await ownCertificate(deps, requireActor(ctx), number);
  const now = deps.clock.now();
  const rows = await linksOf(deps.db).where('l.certificate_id', '=', c.id).orderBy('l.created_at', 'desc').execute();
  return rows.map((r) => toLinkDto(r, deps.config.publicUrl, now));
}

export async function createShareLink(deps: Deps, ctx: RequestContext, number: string, days: number): Promise<ShareLinkDto> {
  const actor = requireActor(ctx);
  const c = await ownCertificate(deps, actor, number);
  const now = deps.clock.now();
  const link = await deps.db.transaction().execute(async (trx) => {
    const row = await trx
      .insertInto('certificate_share_links')
      .values({
        certificate_id: c.id,
        token: base58.encode(randomBytes(18)),
        created_at: now,
        created_by: actor.userId,
        expires_at: new Date(now.getTime() + days * 86_400_000),
      })
      .returning(['id', 'token', 'created_at', 'expires_at', 'revoked_at'])
      .executeTakeFirstOrThrow();
    await recordAudit(trx, ctx, now, {
      action: 'certificate.share_link.create',
      targetType: 'certificate',
      targetId: c.id,
      summary: { number, days },
      scope: { provinceCode: c.province_code, cityCode: c.city_code, schoolId: c.school_id, orgId: c.org_id },
    });
    return row;
  });
  return toLinkDto({ ...link, number: c.number }, deps.config.publicUrl, now);
}

export async function revokeShareLink(deps: Deps, ctx: RequestContext, linkId: string): Promise<ShareLinkDto> {
  const actor = requireActor(ctx);
  const now = deps.clock.now();
  const link = await linksOf(deps.db).select('l.certificate_id').where('l.id', '=', linkId).executeTakeFirst();
  if (!link) throw notFound();
  const c = await ownCertificate(deps, actor, link.number);
  await deps.db.transaction().execute(async (trx) => {
    await trx
      .updateTable('certificate_share_links')
      .set({ revoked_at: now })
      .where('id', '=', linkId)
      .where('revoked_at', 'is', null)
      .execute();
    await recordAudit(trx, ctx, now, {
      action: 'certificate.share_link.revoke',
      targetType: 'certificate',
      targetId: c.id,
      summary: { number: c.number },
      scope: { provinceCode: c.province_code, cityCode: c.city_code, schoolId: c.school_id, orgId: c.org_id },
    });
  });
  return toLinkDto({ ...link, revoked_at: link.revoked_at ?? now }, deps.config.publicUrl, now);
}

/** The public side of a share link: the certificate without asking for the name, while the link is active. */
export async function openShareLink(deps: Deps, token: string): Promise<CredentialResultDto> {
  const link = await deps.db
    .selectFrom('certificate_share_links as l')
    .innerJoin('certificates as c', 'c.id', 'l.certificate_id')
    .select(['c.verification_code', 'l.expires_at', 'l.revoked_at'])
    .where('l.token', '=', token)
    .executeTakeFirst();
  if (!link || !shareLinkActive({ expiresAt: link.expires_at, revokedAt: link.revoked_at }, deps.clock.now())) {
    throw new AppError('SHARE_LINK_NOT_FOUND');
  }
  return credentialByCode(deps, link.verification_code);
}
