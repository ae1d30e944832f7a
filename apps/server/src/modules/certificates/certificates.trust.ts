import type { CredentialCheckDto } from '@onex/shared';
import type { Db } from '../../db/types';
import type { Deps } from '../../lib/deps';
import { proofSigner } from '../../lib/vc/data-integrity';
import { checkAgainstTrustList, type TrustedIssuer, type TrustListSubject } from '../../lib/vc/trust-list';
import { urls } from './certificates.credential';
import { platformDocument, platformSigningKey } from './certificates.keys';
import * as q from './certificates.queries';
import { publicView } from './certificates.service';

/**
 * The national trust list (R6.6, api-v1 `GET /public/trust-list`) and the verify page's credential check, which reads
 * the same list: what the platform says about a credential is what an offline verifier holding the list would say.
 */

const iso = (d: Date) => d.toISOString().replace(/\.\d{3}Z$/, 'Z');

/** Every evaluation organization with its identifiers and every key it ever used, with the period it signed in. */
export async function trustListSubject(db: Db, publicUrl: string): Promise<TrustListSubject> {
  const u = urls(publicUrl);
  const [orgs, keys, platformKeys] = await Promise.all([
    db.selectFrom('evaluation_orgs').select(['id', 'name']).orderBy('name').execute(),
    db
      .selectFrom('issuer_keys')
      .select(['org_id', 'key_no', 'public_key_multibase', 'created_at', 'retired_at'])
      .orderBy('key_no')
      .execute(),
    db.selectFrom('platform_keys').select(['key_no', 'public_key_multibase', 'created_at', 'retired_at']).orderBy('key_no').execute(),
  ]);
  const issuers = new Map<string, TrustedIssuer>(
    orgs.map((o) => [o.id, { id: u.issuer(o.id), alsoKnownAs: [u.legacyIssuer(o.id)], name: o.name, verificationMethod: [] }]),
  );
  for (const k of keys) {
    issuers.get(k.org_id)?.verificationMethod.push({
      id: u.verificationMethod(k.org_id, k.key_no),
      alsoKnownAs: [u.legacyVerificationMethod(k.org_id, k.key_no)],
      type: 'Multikey',
      controller: u.issuer(k.org_id),
      publicKeyMultibase: k.public_key_multibase,
      validFrom: iso(k.created_at),
      ...(k.retired_at ? { validUntil: iso(k.retired_at) } : {}),
    });
  }
  const platform = {
    id: u.platform,
    verificationMethod: platformKeys.map((k) => ({
      id: u.platformKey(k.key_no),
      type: 'Multikey' as const,
      controller: u.platform,
      publicKeyMultibase: k.public_key_multibase,
      validFrom: iso(k.created_at),
      ...(k.retired_at ? { validUntil: iso(k.retired_at) } : {}),
    })),
  };
  return { id: `${u.trustList}#list`, type: 'OnexTrustedIssuerList', platform, issuers: [...issuers.values()] };
}

/** Days a downloaded trust list is offered as current; a verifier should fetch a newer one after that. */
const TRUST_LIST_VALID_DAYS = 7;

/** The signed trust list: a VC 2.0 credential issued by the platform's did:web, `eddsa-jcs-2022` proof. */
export async function signedTrustList(deps: Deps): Promise<Record<string, unknown>> {
  const now = deps.clock.now();
  const u = urls(deps.config.publicUrl);
  const key = await platformSigningKey(deps.db, deps.config.secretKey, deps.config.publicUrl, now);
  const subject = await trustListSubject(deps.db, deps.config.publicUrl);
  return proofSigner(
    key,
    key.verificationMethod,
    iso(now),
  )({
    '@context': ['https://www.w3.org/ns/credentials/v2'],
    id: u.trustList,
    type: ['VerifiableCredential', 'OnexTrustListCredential'],
    name: '1+X 证书信息管理服务平台 · 培训评价组织信任列表',
    issuer: { id: u.platform, name: '1+X 证书信息管理服务平台' },
    validFrom: iso(now),
    validUntil: iso(new Date(now.getTime() + TRUST_LIST_VALID_DAYS * 86_400_000)),
    credentialSubject: subject,
  });
}

/** The platform's did:web document; its key is created on first use, so the document is never empty. */
export async function platformDidDocument(deps: Deps) {
  await platformSigningKey(deps.db, deps.config.secretKey, deps.config.publicUrl, deps.clock.now());
  return platformDocument(deps.db, deps.config.publicUrl);
}

const LEGACY_NOTE =
  '（旧格式：该文件签发于平台采用 W3C 标准证明格式之前，内容真实；请登录“我的证书”重新下载电子证书，以便其他验证工具识别）';

/**
 * The verify page's file check (no account), step by step: 格式、签名、签发机构、信任列表、撤销状态. A step after a
 * failed one is not checked (null), and the message says so.
 */
export async function checkCredential(deps: Deps, credential: Record<string, unknown>): Promise<CredentialCheckDto> {
  const t = checkAgainstTrustList(credential, await trustListSubject(deps.db, deps.config.publicUrl));
  const checks: CredentialCheckDto['checks'] = {
    format: t.format,
    issuerKnown: t.issuerKnown,
    signature: t.signature,
    trustList: t.trustList,
    notRevoked: null,
  };
  const result = (message: string, extra: Partial<CredentialCheckDto> = {}): CredentialCheckDto => ({
    valid: false,
    legacyFormat: t.legacy,
    checks,
    message,
    ...extra,
  });
  if (!t.format) return result('文件不是可识别的电子证书（可验证凭证）');
  if (!t.issuerKnown) return result('签发机构的公钥不在本平台的信任列表中，无法确认来源；未检查撤销状态');
  if (!t.signature) return result('签名校验失败：证书内容被改动过，或不是该机构签发；未检查撤销状态');
  if (!t.trustList) return result('签名所用密钥不在其有效期内，或证书所写签发机构与密钥不符；未检查撤销状态');
  const status = credential.credentialStatus as { statusListCredential?: unknown; statusListIndex?: unknown } | undefined;
  const listId = typeof status?.statusListCredential === 'string' ? status.statusListCredential.split('/').pop() : undefined;
  const index = typeof status?.statusListIndex === 'string' ? Number(status.statusListIndex) : NaN;
  const revoked =
    listId && /^[0-9a-f-]{36}$/.test(listId) && Number.isInteger(index) ? await q.statusEntryRevoked(deps.db, listId, index) : null;
  checks.notRevoked = revoked === null ? null : !revoked;
  const code = typeof credential.id === 'string' ? credential.id.split('/').pop() : undefined;
  const row = code && /^[1-9A-HJ-NP-Za-km-z]{16,64}$/.test(code) ? await q.findByCode(deps.db, code) : undefined;
  const certificate = row ? (await publicView(deps.db, row, deps.config.publicUrl)).certificate : undefined;
  const note = t.legacy ? LEGACY_NOTE : '';
  const extra = certificate ? { certificate } : {};
  if (revoked === null) return result(`签名有效，但无法确认撤销状态${note}`, extra);
  if (revoked) return result(`签名有效，但该证书已被发证机构撤销${note}`, extra);
  return result(`签名有效，证书有效${note}`, { valid: true, ...extra });
}
