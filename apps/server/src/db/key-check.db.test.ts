import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { encryptIdNumber } from '../lib/personal-id';
import { createTestDb } from '../test/test-db';
import type { Database } from './database';
import { SecretKeyMismatchError, assertSecretKeyMatches, keyCheckValue } from './key-check';

let database: Database;
beforeAll(async () => {
  database = await createTestDb();
});
afterAll(() => database.close());

describe('issue 20 item 7: a SECRET_KEY other than the data’s refuses to start', () => {
  it('start with key A, then key B → refused, saying why (Chinese and English); A again → fine', async () => {
    const a = randomBytes(32);
    const b = randomBytes(32);
    await assertSecretKeyMatches(database.db, a, new Date());
    const stored = await database.db.selectFrom('secret_key_check').selectAll().execute();
    expect(stored).toHaveLength(1);
    expect(stored[0]!.check_value).toBe(keyCheckValue(a));
    expect(stored[0]!.check_value).not.toContain(a.toString('hex')); // a MAC of the key, never the key
    const refused = assertSecretKeyMatches(database.db, b, new Date());
    await expect(refused).rejects.toBeInstanceOf(SecretKeyMismatchError);
    await expect(refused).rejects.toThrow(
      /SECRET_KEY 与加密本数据库数据时所用的密钥不同.*differs from the key the data was encrypted with/,
    );
    await assertSecretKeyMatches(database.db, a, new Date());
  });

  it('a database from before the check value: a key that cannot decrypt the stored ID numbers is refused too', async () => {
    const d = await createTestDb();
    try {
      const a = randomBytes(32);
      await d.db
        .insertInto('learning_accounts')
        .values({
          id_type: 'id_card',
          id_number_enc: encryptIdNumber(a, '11010519491231002X'),
          id_number_hash: 'h',
          id_number_last4: '002X',
          holder_name: '张三',
          learner_id: null,
          school_id: null,
          province_code: null,
          opened_via: 'school',
          created_at: new Date(),
          created_by: null,
        })
        .execute();
      await expect(assertSecretKeyMatches(d.db, randomBytes(32), new Date())).rejects.toBeInstanceOf(SecretKeyMismatchError);
      expect(await d.db.selectFrom('secret_key_check').selectAll().execute()).toHaveLength(0);
      await assertSecretKeyMatches(d.db, a, new Date());
    } finally {
      await d.close();
    }
  });
});
