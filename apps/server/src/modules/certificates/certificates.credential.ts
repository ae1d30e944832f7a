import { createHash } from 'node:crypto';
import { CERTIFICATE_LEVEL_LABELS, type CertificateLevel } from '@onex/shared';

/**
 * The certificate as a W3C Verifiable Credential 2.0 that is also an Open Badges 3.0 OpenBadgeCredential (api-v1
 * "Verifiable credential format"). Pure: the service signs what this returns.
 */

export const VC_CONTEXT = ['https://www.w3.org/ns/credentials/v2', 'https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json'];

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
  number: string;
  verificationCode: string;
  issuedAt: Date;
  org: { id: string; name: string };
  certificateType: { id: string; name: string };
  level: CertificateLevel;
  holderName: string;
  /** The normalized ID number; only its salted hash goes into the credential. */
  idNumber: string;
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
          identityHash: identityHash(i.idNumber, i.salt),
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
