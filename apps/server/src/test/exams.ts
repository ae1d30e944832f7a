import { idCardCheckChar } from '@onex/shared';
import type { Agent } from './test-app';

/** Test helpers of the exams feature (issue 5). */

/** A valid 居民身份证 number of a Guangzhou address code with the given birth date and sequence. */
export function validIdNumber(seq: number, birth = '20040101'): string {
  const first17 = `440106${birth}${String(seq).padStart(3, '0')}`;
  return first17 + idCardCheckChar(first17);
}

/** A multipart/form-data body with text fields and one file, sent by a logged-in agent. */
export function postMultipart(
  agent: Agent,
  url: string,
  fields: Record<string, string>,
  file: { name: string; bytes: Buffer; type?: string },
) {
  const boundary = `----onex${Math.random().toString(16).slice(2)}`;
  const parts: Buffer[] = [];
  for (const [k, v] of Object.entries(fields))
    parts.push(Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="${k}"\r\n\r\n${v}\r\n`));
  parts.push(
    Buffer.from(
      `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${file.name}"\r\nContent-Type: ${file.type ?? 'application/octet-stream'}\r\n\r\n`,
    ),
    file.bytes,
    Buffer.from(`\r\n--${boundary}--\r\n`),
  );
  return agent.request('POST', url, Buffer.concat(parts), { headers: { 'content-type': `multipart/form-data; boundary=${boundary}` } });
}
