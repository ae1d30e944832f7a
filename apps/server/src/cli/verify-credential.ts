import { readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { verifyOffline } from '../lib/vc/offline-verify';

/**
 * `npm run verify-credential -- <证书文件.json> [--trust-list 信任列表.json] [--status-list 状态列表.json]
 * [--platform-key z6Mk…]`: checks a 1+X electronic certificate and prints a Chinese verdict. With both files it needs
 * no network; without them it downloads them from the platform that issued the credential. Exit code 0 when valid.
 */

type Doc = Record<string, unknown>;
const readJson = (file: string) => JSON.parse(readFileSync(file, 'utf8')) as Doc;

async function fetchJson(url: string): Promise<Doc> {
  const r = await fetch(url);
  if (!r.ok) throw new Error(`${url} → HTTP ${r.status}`);
  return (await r.json()) as Doc;
}

async function main(): Promise<number> {
  const { values, positionals } = parseArgs({
    allowPositionals: true,
    options: { 'trust-list': { type: 'string' }, 'status-list': { type: 'string' }, 'platform-key': { type: 'string' } },
  });
  if (positionals.length !== 1) {
    console.error('用法 usage: npm run verify-credential -- <证书文件.json> [--trust-list 文件] [--status-list 文件] [--platform-key z…]');
    return 2;
  }
  const credential = readJson(positionals[0]!);
  const origin = typeof credential.id === 'string' && /^https?:\/\//.test(credential.id) ? new URL(credential.id).origin : null;
  let trustList: Doc;
  if (values['trust-list']) trustList = readJson(values['trust-list']);
  else if (origin) {
    console.log(`未提供信任列表，从 ${origin} 下载 (downloading the trust list)`);
    trustList = await fetchJson(`${origin}/api/v1/public/trust-list`);
  } else {
    console.error('未提供信任列表文件 (--trust-list)，且证书中没有平台地址');
    return 2;
  }
  let statusList: Doc | undefined;
  if (values['status-list']) statusList = readJson(values['status-list']);
  else if (!values['trust-list']) {
    const url = (credential.credentialStatus as { statusListCredential?: unknown } | undefined)?.statusListCredential;
    if (typeof url === 'string') statusList = await fetchJson(url).catch(() => undefined);
  }
  const verdict = verifyOffline(credential, trustList, { statusList, platformKey: values['platform-key'], now: new Date() });
  console.log(verdict.lines.join('\n'));
  return verdict.valid ? 0 : 1;
}

main().then(
  (code) => process.exit(code),
  (err: unknown) => {
    console.error('验证失败 (error):', err instanceof Error ? err.message : err);
    process.exit(2);
  },
);
