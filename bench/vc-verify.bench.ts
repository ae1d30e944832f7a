/**
 * npm run bench -- vc-verify [--count=20000]
 *
 * Offline verification of certificate credentials on one core (issue 6 Benchmark): `count` credentials are built and
 * signed exactly as issuance does, then verified one after another with `verifyProof` (JCS of document and proof
 * configuration, SHA-256, Ed25519 verify against the issuer's Multikey) in this single thread. Baseline in the same
 * run: bare Ed25519 verifications of the same signatures over 64-byte messages (the floor no verifier can beat).
 * Target: ≥ 5,000 per second. In the same run the same credentials (a sample of `--external` of them, default 2,000)
 * are verified by an independent, widely used verifier stack — Digital Bazaar's @digitalbazaar/vc with the
 * eddsa-jcs-2022 cryptosuite, the issuer's did:web document served from memory — and its rate is printed beside ours
 * (`external_per_second`). The status check is left out of both: only proofs are compared.
 */
import { randomBytes, randomUUID, verify } from 'node:crypto';
import { buildCredential, identityHash } from '../apps/server/src/modules/certificates/certificates.credential';
import { verifyProof } from '../apps/server/src/lib/vc/data-integrity';
import { proofSigner } from '../apps/server/src/lib/vc/data-integrity';
import { generateEd25519, publicKeyMultibase, publicKeyObject } from '../apps/server/src/lib/vc/multikey';
import { controllerDocument } from '../apps/server/src/modules/certificates/certificates.keys';
import { dbVerify } from '../apps/server/src/test/digital-bazaar';
import { CONTEXTS } from '../apps/server/src/lib/vc/contexts';

export async function run(args: string[]): Promise<void> {
  const n = Number(args.find((a) => a.startsWith('--count='))?.slice(8) ?? 20_000);
  const key = generateEd25519();
  const orgId = randomUUID();
  const did = `did:web:1x.example.cn:issuers:${orgId}`;
  const vm = `${did}#key-1`;
  const sign = proofSigner(key, vm, '2026-11-22T00:00:00Z');
  const listId = randomUUID();
  const credentials = Array.from(
    { length: n },
    (_, i) =>
      JSON.parse(
        JSON.stringify(
          sign(
            buildCredential({
              publicUrl: 'https://1x.example.cn',
              verificationCode: randomBytes(16).toString('base64url'),
              issuedAt: new Date('2026-11-22T00:00:00Z'),
              org: { id: orgId, name: '工业机器人应用编程证书培训评价组织' },
              certificateType: { id: randomUUID(), name: '工业机器人应用编程' },
              level: 'intermediate',
              holderName: '李明',
              holderIdHash: identityHash('440104200503151234', String(i)),
              salt: String(i),
              statusListId: listId,
              statusIndex: i,
            }),
          ),
        ),
      ) as Record<string, unknown>,
  );
  const keys = new Map([[vm, key.publicKey]]);
  // Warm-up, then measure.
  for (const c of credentials.slice(0, 200)) verifyProof(c, (m) => keys.get(m) ?? null);
  const t0 = performance.now();
  let ok = 0;
  for (const c of credentials) if (verifyProof(c, (m) => keys.get(m) ?? null).verified) ok++;
  const ms = performance.now() - t0;
  if (ok !== n) throw new Error(`only ${ok} of ${n} verified`);

  const pub = publicKeyObject(key.publicKey);
  const messages = credentials.map(() => randomBytes(64));
  const { sign: rawSign } = await import('node:crypto');
  const { privateKeyObject } = await import('../apps/server/src/lib/vc/multikey');
  const priv = privateKeyObject(key);
  const sigs = messages.map((m) => rawSign(null, m, priv));
  const t1 = performance.now();
  for (let i = 0; i < n; i++) if (!verify(null, messages[i]!, pub, sigs[i]!)) throw new Error('baseline verify failed');
  const baseMs = performance.now() - t1;

  // The independent verifier, on a sample (it is asynchronous and JSON-LD aware, so much slower per credential).
  const m = Math.min(n, Number(args.find((a) => a.startsWith('--external='))?.slice(11) ?? 2000));
  const controller = controllerDocument(did, '工业机器人应用编程证书培训评价组织', [
    { key_no: 1, public_key_multibase: publicKeyMultibase(key.publicKey), created_at: new Date('2026-11-01T00:00:00Z') },
  ]);
  const docs = new Map<string, unknown>([
    ...CONTEXTS,
    [did, controller],
    [vm, { '@context': controller['@context'], ...controller.verificationMethod[0] }],
  ]);
  const loader = async (url: string) => {
    const document = docs.get(url);
    if (!document) throw new Error(`not offline: ${url}`);
    return { contextUrl: null, documentUrl: url, document };
  };
  const notChecked = async () => ({ verified: true });
  for (const c of credentials.slice(0, 20)) await dbVerify(c, loader, { checkStatus: notChecked });
  const t2 = performance.now();
  for (const c of credentials.slice(0, m)) {
    const r = await dbVerify(c, loader, { checkStatus: notChecked });
    if (!r.verified) throw new Error(`Digital Bazaar rejected a credential: ${String(r.error)}`);
  }
  const externalPerSecond = m / ((performance.now() - t2) / 1000);

  const perSecond = n / (ms / 1000);
  const basePerSecond = n / (baseMs / 1000);
  console.log(`credential verification (JCS + SHA-256 + Ed25519, one core): ${perSecond.toFixed(0)} per second   target ≥ 5000/s`);
  console.log(`baseline — bare Ed25519 verify of 64-byte messages: ${basePerSecond.toFixed(0)} per second`);
  console.log(
    `Digital Bazaar @digitalbazaar/vc + eddsa-jcs-2022, ${m} of the same credentials: ${externalPerSecond.toFixed(0)} per second`,
  );
  console.log(
    `RESULT name=vc-verify count=${n} per_second=${perSecond.toFixed(0)} external_per_second=${externalPerSecond.toFixed(0)} baseline_per_second=${basePerSecond.toFixed(0)} ratio=${(perSecond / basePerSecond).toFixed(2)}`,
  );
  if (perSecond < 5000) process.exitCode = 1;
}
