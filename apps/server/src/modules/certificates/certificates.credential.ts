import { createHash } from 'node:crypto';
import { CERTIFICATE_LEVEL_LABELS, type CertificateLevel } from '@onex/shared';
import { jcs } from '../../lib/vc/data-integrity';

/**
 * The certificate as a W3C Verifiable Credential 2.0 that is also an Open Badges 3.0 OpenBadgeCredential (api-v1
 * "Verifiable credential format"). Pure: the service signs what this returns.
 */

const VC_CONTEXT = ['https://www.w3.org/ns/credentials/v2', 'https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json'];

/** Public URLs of the platform (api-v1 paths), from PUBLIC_URL. */
export function urls(publicUrl: string) {
  return {
    issuer: (orgId: string) => `${publicUrl}/api/v1/public/issuers/${orgId}`,
    verificationMethod: (orgId: string, keyNo: number) => `${publicUrl}/api/v1/public/issuers/${orgId}#key-${keyNo}`,
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
 * Writes the credentials of one batch (one session, one key) as JCS text without sorting keys per credential: the
 * canonical text of `buildCredential` with placeholder holder values is computed once and filled per holder. Every
 * holder value sits inside a JSON string, so filling with its JSON-escaped text gives exactly
 * `canonicalize(buildCredential(…))` (a test checks). `unsecured` is what is hashed and signed; `template` is the
 * secured credential (also canonical JSON) with placeholders, stored once per batch (`fillCredential`).
 */
export function credentialBatch(common: Omit<CredentialInput, keyof HolderValues>, proofOptions: Readonly<Record<string, string>>) {
  const placeholders = Object.fromEntries(HOLDER_KEYS.map((k) => [k, token(k)])) as unknown as HolderValues;
  const doc = buildCredential({ ...common, ...placeholders });
  const unsecured = split(jcs(doc));
  return {
    context: doc['@context'],
    unsecured: (v: HolderValues) => fill(unsecured, v),
    template: jcs({ ...doc, proof: { ...proofOptions, proofValue: token('proofValue') } }),
  };
}
