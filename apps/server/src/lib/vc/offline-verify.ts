import { verifyProof } from './data-integrity';
import { decodePublicKeyMultibase } from './multikey';
import { checkAgainstTrustList, revokedInStatusList, type TrustListSubject } from './trust-list';

/**
 * An employer's offline check of a credential file (`npm run verify-credential`): the trust list's own signature
 * (by the platform key it names, optionally pinned with `platformKey`), then the credential against the list, then
 * its revocation bit in a status list file when one is given (itself signed by a key of the issuer in the list).
 * Returns a verdict in Chinese, one line per step.
 */

type Doc = Record<string, unknown>;
export interface OfflineVerdict {
  valid: boolean;
  lines: string[];
}

export function verifyOffline(
  credential: Doc,
  trustList: Doc,
  opts: { statusList?: Doc; platformKey?: string; now: Date },
): OfflineVerdict {
  const lines: string[] = [];
  const fail = (line: string): OfflineVerdict => ({ valid: false, lines: [...lines, `✗ ${line}`, '结论：不能确认该电子证书有效'] });
  const subject = trustList.credentialSubject as TrustListSubject | undefined;
  if (!subject || subject.type !== 'OnexTrustedIssuerList' || !Array.isArray(subject.issuers)) return fail('信任列表文件格式不正确');
  const platformKey = (vm: string) => subject.platform?.verificationMethod.find((k) => k.id === vm)?.publicKeyMultibase;
  const listCheck = verifyProof(trustList, (vm) => {
    const mb = platformKey(vm);
    return mb ? decodePublicKeyMultibase(mb) : null;
  });
  if (!listCheck.verified || listCheck.legacy) return fail('信任列表的签名无效（文件被改动过或不完整）');
  const signer = platformKey(listCheck.verificationMethod)!;
  if (opts.platformKey && opts.platformKey !== signer) return fail(`信任列表不是由指定的平台公钥签署（签署公钥 ${signer}）`);
  lines.push(`✓ 信任列表签名有效（平台公钥 ${signer}${opts.platformKey ? '，与指定公钥一致' : '，请与平台公布的公钥核对'}）`);
  const until = typeof trustList.validUntil === 'string' ? Date.parse(trustList.validUntil) : NaN;
  if (Number.isFinite(until) && until < opts.now.getTime()) lines.push('! 信任列表已过有效期，建议下载最新版本后再验证');

  const t = checkAgainstTrustList(credential, subject);
  if (!t.format) return fail('文件不是可识别的电子证书（可验证凭证）');
  lines.push('✓ 格式：W3C 可验证凭证');
  if (!t.issuerKnown) return fail('签发机构的公钥不在信任列表中，无法确认来源');
  lines.push(`✓ 签发机构：${t.issuer!.name}`);
  if (!t.signature) return fail('签名校验失败：证书内容被改动过，或不是该机构签发（未检查撤销状态）');
  lines.push(t.legacy ? '✓ 签名有效（旧格式，请持证人重新下载电子证书）' : '✓ 签名有效（eddsa-jcs-2022）');
  if (!t.trustList) return fail('签名所用密钥不在其有效期内，或证书所写签发机构与密钥不符');
  lines.push(`✓ 信任列表：密钥 ${t.key!.id} 在签名时有效`);

  if (!opts.statusList) {
    lines.push('? 撤销状态：未检查（离线且未提供状态列表文件，可用 --status-list 提供）');
    return { valid: true, lines: [...lines, '结论：签名与签发机构均有效；撤销状态未核实'] };
  }
  const listKey = (vm: string) => t.issuer!.verificationMethod.find((k) => k.id === vm)?.publicKeyMultibase;
  const statusCheck = verifyProof(opts.statusList, (vm) => {
    const mb = listKey(vm);
    return mb ? decodePublicKeyMultibase(mb) : null;
  });
  if (!statusCheck.verified) return fail('状态列表的签名无效，或不是该签发机构签署');
  const revoked = revokedInStatusList(credential, opts.statusList);
  if (revoked === null) return fail('状态列表与该证书不对应');
  if (revoked) return fail('撤销状态：该证书已被发证机构撤销');
  lines.push('✓ 撤销状态：未撤销');
  return { valid: true, lines: [...lines, '结论：电子证书有效'] };
}
