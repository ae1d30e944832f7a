import { createHash } from 'node:crypto';
import type { Db } from '../db/types';
import { jcs, proofSigner } from '../lib/vc/data-integrity';
import { batchTexts, urls } from '../modules/certificates/certificates.credential';
import { activeSigningKey } from '../modules/certificates/certificates.keys';
import { batchHolders } from '../modules/certificates/certificates.queries';
import { createExaminedSession, type ResultsFixture } from './results-import';

/**
 * A session of org-robot's certificate (工业机器人应用编程 中级) whose scores are published `publishedAt`, with
 * `scores[i]` for candidate i (pass mark 60): what certificate issuance starts from.
 */
export async function createPublishedSession(
  db: Db,
  secretKey: Buffer,
  o: { scores: number[]; seqBase: number; publishedAt: Date },
): Promise<ResultsFixture & { passed: number }> {
  const f = await createExaminedSession(db, secretKey, { count: o.scores.length, seqBase: o.seqBase });
  const s = await db.selectFrom('exam_sessions').select(['province_code']).where('id', '=', f.sessionId).executeTakeFirstOrThrow();
  const imp = await db
    .insertInto('result_imports')
    .values({
      session_id: f.sessionId,
      org_id: f.orgId,
      province_code: s.province_code,
      file_sha256: createHash('sha256').update(f.sessionId).digest('hex'),
      file_name: 'results.csv',
      status: 'succeeded',
      rows: o.scores.length,
      created_at: o.publishedAt,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  await db
    .insertInto('exam_results')
    .values(
      f.candidates.map((c, i) => ({
        registration_id: c.registrationId,
        session_id: f.sessionId,
        province_code: s.province_code,
        score: o.scores[i]!.toFixed(1),
        passed: o.scores[i]! >= 60,
        import_id: imp.id,
        created_at: o.publishedAt,
      })),
    )
    .execute();
  await db
    .updateTable('exam_sessions')
    .set({ status: 'scores_published', scores_published_at: o.publishedAt })
    .where('id', '=', f.sessionId)
    .execute();
  return { ...f, passed: o.scores.filter((x) => x >= 60).length };
}

/**
 * Turns a session's credential batch back into the format before issue 12 — URL issuer and verification method, no
 * `credentialSchema`, the proof an object without `@context` (its configuration still hashed the document's
 * context) — signed as the platform signed then. What the re-signing job (certificates.resign.ts) starts from.
 */
export async function makeBatchLegacy(db: Db, config: { secretKey: Buffer; publicUrl: string }, sessionId: string, at: Date) {
  const batch = await db
    .selectFrom('credential_batches')
    .select(['id', 'org_id', 'template'])
    .where('session_id', '=', sessionId)
    .executeTakeFirstOrThrow();
  const key = await activeSigningKey(db, config.secretKey, config.publicUrl, batch.org_id, at, null);
  const u = urls(config.publicUrl);
  const vm = u.legacyVerificationMethod(batch.org_id, key.keyNo);
  const { proof: _p, credentialSchema: _s, ...doc } = JSON.parse(batch.template) as Record<string, unknown>;
  void _p;
  void _s;
  doc.issuer = { ...(doc.issuer as object), id: u.legacyIssuer(batch.org_id) };
  const signer = proofSigner(key, vm, at.toISOString().replace(/\.\d{3}Z$/, 'Z'));
  const { '@context': _c, ...options } = signer.proof(doc['@context']);
  void _c;
  const texts = batchTexts(doc, {});
  const template = jcs({ ...doc, proof: { ...options, proofValue: '__onex_proofValue__' } });
  const holders = await batchHolders(db, batch.id);
  await db.updateTable('credential_batches').set({ template, format: 1 }).where('id', '=', batch.id).execute();
  for (const h of holders) {
    const values = {
      verificationCode: h.verification_code,
      holderName: h.holder_name,
      holderIdHash: h.holder_id_hash!,
      salt: h.holder_salt!,
      statusListId: h.status_list_id,
      statusIndex: h.status_index,
    };
    await db
      .updateTable('certificates')
      .set({ proof_value: signer.proofValue(doc['@context'], texts.unsecured(values)) })
      .where('id', '=', h.id)
      .execute();
  }
  return batch.id;
}
