import { createHash } from 'node:crypto';
import { CERTIFICATE_LEVEL_LABELS, type CertificateLevel } from '@onex/shared';
import { jcs } from '../../lib/vc/data-integrity';
import { didWeb } from '../../lib/vc/did-web';

/**
 * The certificate as a W3C Verifiable Credential 2.0 that is also an Open Badges 3.0 OpenBadgeCredential (api-v1
 * "Verifiable credential format"). Pure: the service signs what this returns.
 */

const VC_CONTEXT = ['https://www.w3.org/ns/credentials/v2', 'https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json'];

/**
 * The 1EdTech JSON Schema of an Open Badges 3.0 AchievementCredential, named as VC 2.0 names a JSON Schema
 * (`JsonSchema`, defined by the VC 2.0 context and the W3C VC JSON Schema specification). OB 3.0's own type name,
 * `1EdTechJsonSchemaValidator2019`, is not defined by the OB 3.0.3 context, so RDF canonicalization in safe mode (the
 * eddsa-rdfc-2022 wallet copy) refuses it as an undefined term.
 */
export const OB3_CREDENTIAL_SCHEMA = {
  id: 'https://purl.imsglobal.org/spec/ob/v3p0/schema/json/ob_v3p0_achievementcredential_schema.json',
  type: 'JsonSchema',
};

/**
 * Public identifiers and URLs of the platform (api-v1), from PUBLIC_URL. Issuers are `did:web` identifiers on the
 * platform's host (R6.6): `did:web:<host>:issuers:<orgId>`, resolved at `/issuers/<orgId>/did.json`; the platform
 * itself (which signs the trust list) is `did:web:<host>`. `legacyIssuer` / `legacyVerificationMethod` are the URL
 * identifiers of credentials signed before issue 12; they stay resolvable so old wallet copies can still be checked.
 */
export function urls(publicUrl: string) {
  const issuer = (orgId: string) => didWeb(publicUrl, 'issuers', orgId);
  return {
    issuer,
    verificationMethod: (orgId: string, keyNo: number) => `${issuer(orgId)}#key-${keyNo}`,
    legacyIssuer: (orgId: string) => `${publicUrl}/api/v1/public/issuers/${orgId}`,
    legacyVerificationMethod: (orgId: string, keyNo: number) => `${publicUrl}/api/v1/public/issuers/${orgId}#key-${keyNo}`,
    platform: didWeb(publicUrl),
    platformKey: (keyNo: number) => `${didWeb(publicUrl)}#key-${keyNo}`,
    trustList: `${publicUrl}/api/v1/public/trust-list`,
    credential: (code: string) => `${publicUrl}/api/v1/public/credentials/${code}`,
    statusList: (listId: string) => `${publicUrl}/api/v1/public/status-lists/${listId}`,
    achievement: (typeId: string, level: CertificateLevel) => `${publicUrl}/api/v1/public/certificate-types/${typeId}#${level}`,
    /** The QR code's target: the public page that shows the credential. */
    verificationPage: (code: string) => `${publicUrl}/verify/c/${code}`,
    shareLink: (token: string) => `${publicUrl}/verify/s/${token}`,
  };
}

export interface CredentialInput {
  publicUrl: string;
  verificationCode: string;
  issuedAt: Date;
  org: { id: string; name: string };
  certificateType: { id: string; name: string };
  level: CertificateLevel;
  holderName: string;
  /** `identityHash(idNumber, salt)`: only the salted hash of the ID number goes into the credential. */
  holderIdHash: string;
  /** Random salt of the identity hash (hex). */
  salt: string;
  statusListId: string;
  statusIndex: number;
}

/** OB 3.0 IdentityObject hash: 'sha256$' + hex(SHA-256(value ‖ salt)). */
export function identityHash(value: string, salt: string): string {
  return (
    'sha256$' +
    createHash('sha256')
      .update(value + salt, 'utf8')
      .digest('hex')
  );
}

export function achievementName(typeName: string, level: CertificateLevel): string {
  return `${typeName}职业技能等级证书（${CERTIFICATE_LEVEL_LABELS[level].zh}）`;
}

export function buildCredential(i: CredentialInput): Record<string, unknown> {
  const u = urls(i.publicUrl);
  const statusList = u.statusList(i.statusListId);
  return {
    '@context': VC_CONTEXT,
    id: u.credential(i.verificationCode),
    type: ['VerifiableCredential', 'OpenBadgeCredential'],
    name: achievementName(i.certificateType.name, i.level),
    issuer: { id: u.issuer(i.org.id), type: ['Profile'], name: i.org.name },
    validFrom: i.issuedAt.toISOString().replace(/\.\d{3}Z$/, 'Z'),
    credentialSubject: {
      type: ['AchievementSubject'],
      name: i.holderName,
      identifier: [
        { type: 'IdentityObject', identityType: 'name', hashed: false, identityHash: i.holderName },
        {
          type: 'IdentityObject',
          identityType: 'nationalIdentityNumber',
          hashed: true,
          identityHash: i.holderIdHash,
          salt: i.salt,
        },
      ],
      achievement: {
        id: u.achievement(i.certificateType.id, i.level),
        type: ['Achievement'],
        achievementType: 'Certificate',
        name: achievementName(i.certificateType.name, i.level),
        description: `1+X 职业技能等级证书：${i.certificateType.name}，${CERTIFICATE_LEVEL_LABELS[i.level].zh}`,
        criteria: {
          narrative: `通过${i.org.name}组织的${i.certificateType.name}职业技能等级（${CERTIFICATE_LEVEL_LABELS[i.level].zh}）考核，成绩合格并经公示。`,
        },
        fieldOfStudy: i.certificateType.name,
        tag: ['1+X', CERTIFICATE_LEVEL_LABELS[i.level].zh],
      },
    },
    credentialStatus: {
      id: `${statusList}#${i.statusIndex}`,
      type: 'BitstringStatusListEntry',
      statusPurpose: 'revocation',
      statusListIndex: String(i.statusIndex),
      statusListCredential: statusList,
    },
    credentialSchema: [OB3_CREDENTIAL_SCHEMA],
  };
}

/** What differs between the credentials of one batch. */
type HolderValues = Pick<CredentialInput, 'verificationCode' | 'holderName' | 'holderIdHash' | 'salt' | 'statusListId'> & {
  statusIndex: number;
};
const HOLDER_KEYS = ['verificationCode', 'holderName', 'holderIdHash', 'salt', 'statusListId', 'statusIndex'] as const;
const token = (k: string) => `__onex_${k}__`;
const TOKEN_RE = /__onex_(\w+?)__/g;

/** A JCS text with placeholders, split so that filling it is string concatenation. */
function split(text: string): { parts: string[]; keys: string[] } {
  const parts: string[] = [];
  const keys: string[] = [];
  let last = 0;
  for (const m of text.matchAll(TOKEN_RE)) {
    if (![...HOLDER_KEYS, 'proofValue'].includes(m[1] as never)) throw new Error(`unexpected placeholder ${m[0]}`);
    parts.push(text.slice(last, m.index));
    keys.push(m[1]!);
    last = m.index + m[0].length;
  }
  parts.push(text.slice(last));
  return { parts, keys };
}

/** Every value sits inside a JSON string of the template, so it goes in JSON-escaped. */
function fill(t: { parts: string[]; keys: string[] }, values: Readonly<Record<string, string | number | null>>): string {
  let out = t.parts[0]!;
  for (let i = 0; i < t.keys.length; i++) out += JSON.stringify(String(values[t.keys[i]!])).slice(1, -1) + t.parts[i + 1]!;
  return out;
}

/** The stored values a credential is filled with (those of a certificate row). */
export type CredentialValues = { [K in keyof HolderValues]: HolderValues[K] | null } & { proofValue: string | null };

/**
 * The signed credential of a certificate: its batch's template filled with the certificate's values. A template
 * without placeholders (a certificate issued before batches were stored) is the credential itself.
 */
export function fillCredential(template: string, values: CredentialValues): string {
  return fill(split(template), values);
}

/**
 * A batch's texts from its credential with placeholder holder values: `unsecured(values)` is the JCS text that is
 * hashed and signed, `template` the secured credential (also canonical JSON) with placeholders, stored once per batch
 * (`fillCredential`). Every holder value sits inside a JSON string, so filling with its JSON-escaped text gives exactly
 * `canonicalize(credential with those values)` (a test checks). `proof` is the published proof without `proofValue`.
 */
export function batchTexts(doc: Record<string, unknown>, proof: Readonly<Record<string, unknown>>) {
  const unsecured = split(jcs(doc));
  return {
    context: doc['@context'],
    unsecured: (v: HolderValues) => fill(unsecured, v),
    template: jcs({ ...doc, proof: [{ ...proof, proofValue: token('proofValue') }] }),
  };
}

/** The credential of `buildCredential` with placeholders for what differs between the holders of one batch. */
function placeholderCredential(common: Omit<CredentialInput, keyof HolderValues>): Record<string, unknown> {
  const placeholders = Object.fromEntries(HOLDER_KEYS.map((k) => [k, token(k)])) as unknown as HolderValues;
  return buildCredential({ ...common, ...placeholders });
}

/**
 * Writes the credentials of one batch (one session, one key) as JCS text without sorting keys per credential: the
 * canonical text is computed once with placeholders and filled per holder (`batchTexts`).
 */
export function credentialBatch(
  common: Omit<CredentialInput, keyof HolderValues>,
  proofOf: (context: unknown) => Readonly<Record<string, unknown>>,
) {
  const doc = placeholderCredential(common);
  return batchTexts(doc, proofOf(doc['@context']));
}

/**
 * A template stored before issue 12 (URL issuer, no `credentialSchema`, proof an object without `@context`) as the
 * unsigned credential of the current format: the same content, the issuer named by its did:web. Holder placeholders
 * (or, in a batch of one, the holder's own values) are kept as they are.
 */
export function upgradeLegacyTemplate(template: string, issuerDid: string): Record<string, unknown> {
  const { proof: _proof, ...doc } = JSON.parse(template) as Record<string, unknown>;
  void _proof;
  const issuer = doc.issuer as Record<string, unknown>;
  return { ...doc, issuer: { ...issuer, id: issuerDid }, credentialSchema: [OB3_CREDENTIAL_SCHEMA] };
}
