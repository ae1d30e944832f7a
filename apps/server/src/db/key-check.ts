import { createHmac, timingSafeEqual } from 'node:crypto';
import type { Kysely } from 'kysely';
import { decryptIdNumber } from '../lib/personal-id';
import type { DB } from './schema';

/**
 * Issue 20 item 7: a process started with another SECRET_KEY than the one the data was encrypted with used to start
 * and answer 500 on every learner view. The database keeps a key check value (an HMAC of a fixed label under the key:
 * it identifies the key without revealing it); a start with another key is refused, saying why.
 */

export const KEY_CHECK_LABEL = 'onex-key-check-v1';

export function keyCheckValue(secretKey: Buffer): string {
  return createHmac('sha256', secretKey).update(KEY_CHECK_LABEL).digest('hex');
}

export class SecretKeyMismatchError extends Error {
  constructor() {
    super(
      'SECRET_KEY 与加密本数据库数据时所用的密钥不同，拒绝启动 (SECRET_KEY differs from the key the data was encrypted with; refusing to start). ' +
        '请恢复原来的 SECRET_KEY：服务器部署检查环境变量或 .env，嵌入式部署检查数据目录中的 secret.key 文件 ' +
        '(restore the original SECRET_KEY: the environment or .env of a server deployment, the secret.key file in DATA_DIR of ' +
        'the embedded one). 更换密钥须先用原密钥解密再重新加密数据 (changing the key needs the data re-encrypted with the old key first).',
    );
    this.name = 'SecretKeyMismatchError';
  }
}

/** Stores the check value at first start (with a proof on existing data that this key decrypts it), compares it after. */
export async function assertSecretKeyMatches(db: Kysely<DB>, secretKey: Buffer, now: Date): Promise<void> {
  const mine = keyCheckValue(secretKey);
  let stored = await storedCheckValue(db);
  if (stored === undefined) {
    // A database from before the check value: refuse a key that cannot read what is already encrypted.
    if (!(await decryptsExistingData(db, secretKey))) throw new SecretKeyMismatchError();
    await db
      .insertInto('secret_key_check')
      .values({ check_value: mine, created_at: now })
      .onConflict((oc) => oc.doNothing())
      .execute();
    stored = await storedCheckValue(db); // another process may have stored first
  }
  if (!stored || stored.length !== mine.length || !timingSafeEqual(Buffer.from(stored), Buffer.from(mine)))
    throw new SecretKeyMismatchError();
}

async function storedCheckValue(db: Kysely<DB>): Promise<string | undefined> {
  const row = await db.selectFrom('secret_key_check').select('check_value').executeTakeFirst();
  return row?.check_value;
}

async function decryptsExistingData(db: Kysely<DB>, secretKey: Buffer): Promise<boolean> {
  const row =
    (await db.selectFrom('learners').select('id_number_enc').limit(1).executeTakeFirst()) ??
    (await db.selectFrom('learning_accounts').select('id_number_enc').limit(1).executeTakeFirst());
  if (!row) return true;
  try {
    decryptIdNumber(secretKey, row.id_number_enc);
    return true;
  } catch {
    return false;
  }
}
