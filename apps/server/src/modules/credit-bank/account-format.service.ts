import { createHash } from 'node:crypto';
import {
  LEARNING_ACCOUNT_FORMAT,
  type LearningAccountDetailDto,
  type LearningAccountDocument,
  OUTCOME_TYPE_LABELS,
  idNumberProblem,
  importedOutcomeSchema,
  learningAccountDocumentSchema,
  type learningAccountImportSchema,
  maskIdNumber,
} from '@onex/shared';
import type { z } from 'zod';
import { type RequestContext, requireActor } from '../../auth/actor';
import type { Db } from '../../db/types';
import type { Deps } from '../../lib/deps';
import { AppError, notFound } from '../../lib/errors';
import { idNumberHash, protectIdNumber } from '../../lib/personal-id';
import { auditedTransaction } from '../audit/audit.service';
import { credentialText } from '../certificates/certificates.queries';
import { type OutcomeDeposit, depositOutcomes } from '../learning-accounts/ledger';
import { mayManageSchool } from './credit-bank.policy';
import * as cq from './credit-bank.queries';

/**
 * The hand-off format of a learning account (issue 18 item 8, `003` 四(五)): `onex-learning-account/1`, documented in
 * docs/learning-account-format.md. Every outcome carries its origin (the platform and id it was first deposited
 * under), unchanged through any number of hand-offs; an import writes each origin once (idempotency key
 * `origin:<issuer>#<id>`, or nothing when the origin is this platform and the outcome is already here), so importing
 * the same file twice, or a file that went round through another bank, adds nothing twice. Certificates travel as
 * their verifiable credentials, carried as they are.
 */

const ORIGIN_PREFIX = 'origin:';
export const originKey = (issuer: string, id: string) => `${ORIGIN_PREFIX}${issuer}#${id}`;

export function originOf(key: string, ownIssuer: string, entryId: string): { issuer: string; id: string } {
  if (key.startsWith(ORIGIN_PREFIX)) {
    const rest = key.slice(ORIGIN_PREFIX.length);
    const at = rest.lastIndexOf('#');
    if (at > 0) return { issuer: rest.slice(0, at), id: rest.slice(at + 1) };
  }
  return { issuer: ownIssuer, id: entryId };
}

/** The document of an account (what `…/export` answers). */
export async function accountDocument(
  db: Db,
  publicUrl: string,
  now: Date,
  accountId: string,
  detail: LearningAccountDetailDto,
): Promise<LearningAccountDocument> {
  const [native, keys, imported] = await Promise.all([
    cq.credentialsOfAccount(db, accountId),
    db.selectFrom('learning_outcomes').select(['id', 'idempotency_key']).where('account_id', '=', accountId).execute(),
    db
      .selectFrom('learning_outcome_credentials as c')
      .innerJoin('learning_outcomes as o', 'o.id', 'c.learning_outcome_id')
      .select(['o.id', 'c.credential'])
      .where('o.account_id', '=', accountId)
      .execute(),
  ]);
  const keyOf = new Map(keys.map((k) => [k.id, k.idempotency_key]));
  const importedOf = new Map(imported.map((i) => [i.id, i.credential]));
  // What an import carries: deposits in force (not reversed, not revoked) and not consumed by a conversion (the
  // conversion's own course credits carry them on).
  const live = detail.entries.filter((e) => e.entryKind === 'deposit' && e.state === 'valid' && !e.usedInApplicationId);
  // Every certificate's credential (the platform's own, then those that came with imported outcomes).
  const credentials: Record<string, unknown>[] = native.map((c) => JSON.parse(credentialText(c)) as Record<string, unknown>);
  const indexOfCertificate = new Map(native.map((c, i) => [c.id, i]));
  const outcomes = live.map((e) => {
    let credentialIndex = e.certificate ? indexOfCertificate.get(e.certificate.id) : undefined;
    if (credentialIndex === undefined && importedOf.has(e.id)) credentialIndex = credentials.push(importedOf.get(e.id)!) - 1;
    return {
      id: e.id,
      origin: originOf(keyOf.get(e.id) ?? '', publicUrl, e.id),
      type: e.type,
      typeLabel: OUTCOME_TYPE_LABELS[e.type].zh,
      name: e.name,
      level: e.level,
      credits: e.credits,
      hours: e.hours,
      recordedOn: e.recordedOn,
      source: e.source,
      state: e.state,
      usedInConversion: !!e.usedInApplicationId,
      fromConversion: e.fromConversion,
      ...(e.certificate
        ? { certificateNumber: e.certificate.number, verificationUrl: `${publicUrl}/verify/c/${e.certificate.verificationCode}` }
        : {}),
      ...(credentialIndex !== undefined ? { credentialIndex } : {}),
    };
  });
  return {
    format: LEARNING_ACCOUNT_FORMAT,
    exportedAt: now.toISOString(),
    issuer: { name: '1+X 证书信息管理服务平台', url: publicUrl },
    holder: { name: detail.holderName, idMasked: detail.holderIdMasked, idType: detail.idType },
    summary: detail.summary,
    outcomes,
    exemptions: detail.exemptions,
    credentials,
  };
}

/**
 * Imports a document into the account of the person (a school administrator, for a person joining its school): the
 * full ID number given must match the document's masked one and the name; the account is opened when the person
 * has none. Returns how many outcomes were written (0 the second time).
 */
export async function importAccountDocument(
  deps: Deps,
  ctx: RequestContext,
  body: z.infer<typeof learningAccountImportSchema>,
): Promise<{ accountId: string; accountOpened: boolean; outcomes: number; written: number; duplicate: boolean }> {
  const actor = requireActor(ctx, ['school_admin']);
  const school = actor.schoolId ? await cq.findSchool(deps.db, actor.schoolId) : undefined;
  if (!school || !mayManageSchool(actor, school.id)) throw notFound();
  const parsed = learningAccountDocumentSchema.safeParse(body.document);
  if (!parsed.success)
    throw new AppError('LEARNING_ACCOUNT_FORMAT_INVALID', {
      fields: parsed.error.issues.slice(0, 20).map((i) => ({ path: i.path.join('.'), message: i.message })),
    });
  const doc = parsed.data;
  // Each outcome to be written is checked like a school's own deposit: nothing is written unless all pass.
  const outcomeIssues = doc.outcomes.flatMap((o, i) =>
    o.state === 'valid' && !o.usedInConversion
      ? (importedOutcomeSchema.safeParse(o).error?.issues ?? []).map((x) => ({
          path: ['outcomes', i, ...x.path].join('.'),
          message: x.message,
        }))
      : [],
  );
  if (outcomeIssues.length) throw new AppError('LEARNING_ACCOUNT_FORMAT_INVALID', { fields: outcomeIssues.slice(0, 20) });
  const idProblem = idNumberProblem(body.idType, body.idNumber);
  if (idProblem) throw new AppError('VALIDATION_FAILED', { fields: [{ path: 'idNumber', message: idProblem }] });
  if (doc.holder.idType !== body.idType || maskIdNumber(body.idNumber) !== doc.holder.idMasked)
    throw new AppError('LEARNING_ACCOUNT_HOLDER_MISMATCH');
  const key = deps.config.secretKey;
  const hash = idNumberHash(key, body.idNumber);
  const ownIssuer = deps.config.publicUrl;
  const sha256 = createHash('sha256').update(JSON.stringify(body.document)).digest('hex');
  return auditedTransaction(deps, ctx, async (trx, now) => {
    let account = (await cq.accountsByHash(trx, [{ idType: body.idType, hash }])).get(`${body.idType}:${hash}`);
    if (account && account.holderName !== doc.holder.name) throw new AppError('LEARNING_ACCOUNT_HOLDER_MISMATCH');
    let accountOpened = false;
    if (!account) {
      const p = protectIdNumber(key, body.idNumber);
      await cq.insertAccounts(
        trx,
        [{ idType: body.idType, enc: p.id_number_enc, hash: p.id_number_hash, last4: p.id_number_last4, name: doc.holder.name }],
        { id: school.id, provinceCode: school.province_code },
        now,
        actor.userId,
      );
      account = (await cq.accountsByHash(trx, [{ idType: body.idType, hash }])).get(`${body.idType}:${hash}`)!;
      accountOpened = true;
    }
    const accountId = account.id;
    const importable = doc.outcomes.filter((o) => o.state === 'valid' && !o.usedInConversion);
    // Outcomes whose origin is this platform are here already when their entry exists.
    const ownIds = importable.filter((o) => o.origin.issuer === ownIssuer).map((o) => o.origin.id);
    const present = new Set(
      ownIds.length
        ? (
            await trx
              .selectFrom('learning_outcomes')
              .select('id')
              .where('id', 'in', ownIds.filter((id) => /^[0-9a-f-]{36}$/i.test(id)).concat(['00000000-0000-0000-0000-000000000000']))
              .execute()
          ).map((r) => r.id)
        : [],
    );
    const todo = importable.filter((o) => !(o.origin.issuer === ownIssuer && present.has(o.origin.id)));
    const deposits: OutcomeDeposit[] = todo.map((o) => ({
      accountId,
      outcomeType: o.type,
      name: o.name,
      level: o.level,
      credits: o.credits,
      hours: o.hours,
      recordedOn: o.recordedOn,
      source: o.source,
      sourceKind: 'import',
      idempotencyKey: originKey(o.origin.issuer, o.origin.id),
      schoolId: school.id,
      provinceCode: school.province_code,
      note: `自 ${doc.issuer.name}（${doc.issuer.url}）导入`,
    }));
    const written = await depositOutcomes(trx, deposits, now, actor.userId);
    // Keep the credential of each imported certificate with its entry (first import only).
    const withCredential = todo.filter((o) => o.credentialIndex !== undefined && doc.credentials[o.credentialIndex]);
    if (withCredential.length) {
      const entries = await trx
        .selectFrom('learning_outcomes')
        .select(['id', 'idempotency_key'])
        .where(
          'idempotency_key',
          'in',
          withCredential.map((o) => originKey(o.origin.issuer, o.origin.id)),
        )
        .execute();
      const idOfKey = new Map(entries.map((e) => [e.idempotency_key, e.id]));
      await trx
        .insertInto('learning_outcome_credentials')
        .values(
          withCredential.map((o) => ({
            learning_outcome_id: idOfKey.get(originKey(o.origin.issuer, o.origin.id))!,
            credential: JSON.stringify(doc.credentials[o.credentialIndex!]),
          })),
        )
        .onConflict((oc) => oc.column('learning_outcome_id').doNothing())
        .execute();
    }
    await trx
      .insertInto('learning_account_imports')
      .values({
        account_id: accountId,
        format: doc.format,
        issuer_url: doc.issuer.url,
        sha256,
        outcomes: importable.length,
        written,
        created_at: now,
        created_by: actor.userId,
      })
      .execute();
    return {
      result: { accountId, accountOpened, outcomes: importable.length, written, duplicate: written === 0 },
      audit: {
        action: 'learning_account.import_document',
        targetType: 'learning_account',
        targetId: accountId,
        summary: { format: doc.format, issuer: doc.issuer.url, sha256, outcomes: importable.length, written, accountOpened },
        scope: { provinceCode: school.province_code, cityCode: school.city_code, schoolId: school.id },
      },
    };
  });
}
