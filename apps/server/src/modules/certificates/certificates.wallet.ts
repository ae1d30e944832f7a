import { type RequestContext, requireActor } from '../../auth/actor';
import type { Deps } from '../../lib/deps';
import { proofsOf } from '../../lib/vc/data-integrity';
import { rdfcProof } from '../../lib/vc/rdfc';
import { recordAudit } from '../audit/audit.service';
import { activeSigningKey } from './certificates.keys';
import * as q from './certificates.queries';
import { ownCertificate } from './certificates.service';

/**
 * Wallet export (issue 12): wallets that implement only RDF canonicalization (e.g. those built on the Digital
 * Credentials Consortium's verifier) cannot check `eddsa-jcs-2022`. On the holder's request the platform adds a second
 * proof, `eddsa-rdfc-2022`, by the organization's current key, to a copy of the credential (a proof set: each proof
 * covers the document without proofs). The copy is made once and kept: canonicalization costs tens of milliseconds.
 */

const SUITE = 'eddsa-rdfc-2022';

export async function walletCredential(deps: Deps, ctx: RequestContext, number: string): Promise<string> {
  const c = await ownCertificate(deps, requireActor(ctx), number);
  const cached = await q.walletCopy(deps.db, c.id, SUITE);
  if (cached) return cached.credential;
  const now = deps.clock.now();
  const doc = JSON.parse(await q.credentialOf(deps.db, c.id)) as Record<string, unknown>;
  const key = await activeSigningKey(deps.db, deps.config.secretKey, deps.config.publicUrl, c.org_id, now, null);
  const proof = await rdfcProof(doc, key, key.verificationMethod, now.toISOString().replace(/\.\d{3}Z$/, 'Z'));
  const copy = JSON.stringify({ ...doc, proof: [...proofsOf(doc), proof] });
  return deps.db.transaction().execute(async (trx) => {
    const stored = await q.storeWalletCopy(trx, { certificate_id: c.id, cryptosuite: SUITE, credential: copy, created_at: now });
    await recordAudit(trx, ctx, now, {
      action: 'certificate.wallet_copy',
      targetType: 'certificate',
      targetId: c.id,
      summary: { number, cryptosuite: SUITE },
      scope: { provinceCode: c.province_code, cityCode: c.city_code, schoolId: c.school_id, orgId: c.org_id },
    });
    return stored;
  });
}
