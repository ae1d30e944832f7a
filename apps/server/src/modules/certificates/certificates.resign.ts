import type { RequestContext } from '../../auth/actor';
import type { Deps } from '../../lib/deps';
import { JobWorker } from '../../lib/job-worker';
import { proofSigner } from '../../lib/vc/data-integrity';
import { recordAudit } from '../audit/audit.service';
import { batchTexts, upgradeLegacyTemplate, urls } from './certificates.credential';
import { activeSigningKey } from './certificates.keys';
import * as q from './certificates.queries';

/**
 * Issue 12: credentials signed before the platform followed the W3C proof format exactly are re-signed, not lost.
 * Each batch of the old format (`credential_batches.format = 1`) gets the current format — the same content, the
 * issuer as its did:web, `credentialSchema`, a proof array whose proof carries `@context` — signed with its
 * organization's current key, in one transaction per batch (batch row locked, SKIP LOCKED so that several processes
 * share the work). A holder's old copy keeps checking in the platform's credential check, reported as 旧格式.
 */

/** The job's audit rows name no user: the platform itself re-signs. */
const SYSTEM: RequestContext = { actor: null, requestId: 'credential-resign', clientIp: null };

/** Re-signs the oldest legacy batch; false when none is left (or all are being re-signed by other processes). */
export async function resignNextBatch(deps: Pick<Deps, 'db' | 'config' | 'clock'>): Promise<boolean> {
  const now = deps.clock.now();
  return deps.db.transaction().execute(async (trx) => {
    const batch = await q.lockLegacyBatch(trx);
    if (!batch) return false;
    const key = await activeSigningKey(trx, deps.config.secretKey, deps.config.publicUrl, batch.org_id, now, null);
    const signer = proofSigner(key, key.verificationMethod, now.toISOString().replace(/\.\d{3}Z$/, 'Z'));
    const doc = upgradeLegacyTemplate(batch.template, urls(deps.config.publicUrl).issuer(batch.org_id));
    const texts = batchTexts(doc, signer.proof(doc['@context']));
    const holders = await q.batchHolders(trx, batch.id);
    const proofs = holders.map((h) => ({
      id: h.id,
      proof_value: signer.proofValue(
        texts.context,
        texts.unsecured({
          verificationCode: h.verification_code,
          holderName: h.holder_name,
          holderIdHash: h.holder_id_hash ?? '',
          salt: h.holder_salt ?? '',
          statusListId: h.status_list_id,
          statusIndex: h.status_index,
        }),
      ),
    }));
    await q.storeResignedBatch(trx, { id: batch.id, template: texts.template, issuer_key_id: key.id }, proofs);
    await recordAudit(trx, SYSTEM, now, {
      action: 'credential.resign',
      targetType: 'credential_batch',
      targetId: batch.id,
      summary: { certificates: proofs.length, keyNo: key.keyNo },
      scope: { orgId: batch.org_id },
    });
    return true;
  });
}

/** Re-signs legacy batches in the background, at start and then hourly (a restored old backup brings some back). */
export function createResignWorker(deps: Pick<Deps, 'db' | 'config' | 'clock'>) {
  return new JobWorker<true>(
    'credential re-sign',
    async () => ((await resignNextBatch(deps)) ? true : null),
    async () => undefined,
    60 * 60_000,
  );
}
