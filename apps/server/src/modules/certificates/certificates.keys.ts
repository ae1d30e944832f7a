import type { IssuerDto, IssuerKeyDto } from '@onex/shared';
import type { Db } from '../../db/types';
import { open, seal } from '../../lib/secret-box';
import { decodePublicKeyMultibase, generateEd25519, publicKeyMultibase, type RawKeyPair } from '../../lib/vc/multikey';
import { urls } from './certificates.credential';

/**
 * Issuer keys (R6.1): one Ed25519 key per organization signs; rotation retires it (it stays published, so the
 * credentials it signed keep verifying) and a new key signs from then on. Private keys are sealed with a key
 * derived from SECRET_KEY and opened only to sign.
 */

const PURPOSE = 'issuer-key';

export interface SigningKey extends RawKeyPair {
  id: string;
  keyNo: number;
  verificationMethod: string;
}

/** Creates the organization's next key (number after its last); the caller holds the organization's row lock. */
async function createNextKey(trx: Db, secretKey: Buffer, orgId: string, at: Date, by: string | null) {
  const last = await trx
    .selectFrom('issuer_keys')
    .select((e) => e.fn.max('key_no').as('n'))
    .where('org_id', '=', orgId)
    .executeTakeFirst();
  const pair = generateEd25519();
  return trx
    .insertInto('issuer_keys')
    .values({
      org_id: orgId,
      key_no: Number(last?.n ?? 0) + 1,
      public_key_multibase: publicKeyMultibase(pair.publicKey),
      private_key_enc: seal(secretKey, PURPOSE, pair.privateKey),
      created_at: at,
      created_by: by,
    })
    .returningAll()
    .executeTakeFirstOrThrow();
}

/** Serializes first-key creation and rotation per organization. */
async function lockOrg(trx: Db, orgId: string) {
  await trx.selectFrom('evaluation_orgs').select('id').where('id', '=', orgId).forUpdate().execute();
}

/** The organization's active signing key, created on first use (call inside a transaction when it may create). */
export async function activeSigningKey(
  trx: Db,
  secretKey: Buffer,
  publicUrl: string,
  orgId: string,
  at: Date,
  by: string | null,
): Promise<SigningKey> {
  const active = () =>
    trx.selectFrom('issuer_keys').selectAll().where('org_id', '=', orgId).where('status', '=', 'active').executeTakeFirst();
  let row = await active();
  if (!row) {
    await lockOrg(trx, orgId);
    row = (await active()) ?? (await createNextKey(trx, secretKey, orgId, at, by)); // read again under the lock
  }
  return {
    id: row.id,
    keyNo: row.key_no,
    verificationMethod: urls(publicUrl).verificationMethod(orgId, row.key_no),
    publicKey: Buffer.from(decodePublicKeyMultibase(row.public_key_multibase)),
    privateKey: open(secretKey, PURPOSE, row.private_key_enc),
  };
}

/** Retires the active key and creates the next one; returns the new key's number. */
export async function rotateKey(trx: Db, secretKey: Buffer, orgId: string, at: Date, by: string | null): Promise<number> {
  await lockOrg(trx, orgId);
  await trx
    .updateTable('issuer_keys')
    .set({ status: 'retired', retired_at: at })
    .where('org_id', '=', orgId)
    .where('status', '=', 'active')
    .execute();
  return (await createNextKey(trx, secretKey, orgId, at, by)).key_no;
}

export async function listKeys(db: Db, publicUrl: string, orgId: string): Promise<IssuerKeyDto[]> {
  const rows = await db.selectFrom('issuer_keys').selectAll().where('org_id', '=', orgId).orderBy('key_no', 'desc').execute();
  return rows.map((r) => ({
    id: r.id,
    verificationMethod: urls(publicUrl).verificationMethod(orgId, r.key_no),
    publicKeyMultibase: r.public_key_multibase,
    status: r.status,
    createdAt: r.created_at.toISOString(),
    retiredAt: r.retired_at?.toISOString() ?? null,
  }));
}

/** api-v1 `GET /public/issuers/{id}`: every key the organization ever had (none is deleted;
 * a rotated key is not marked `revoked`, which would tell verifiers to distrust what it signed). */
export async function issuerDocument(db: Db, publicUrl: string, orgId: string): Promise<IssuerDto | null> {
  const org = await db.selectFrom('evaluation_orgs').select(['id', 'name']).where('id', '=', orgId).executeTakeFirst();
  if (!org) return null;
  const keys = await db.selectFrom('issuer_keys').selectAll().where('org_id', '=', orgId).orderBy('key_no').execute();
  const u = urls(publicUrl);
  return {
    id: u.issuer(orgId),
    name: org.name,
    verificationMethod: keys.map((k) => ({
      id: u.verificationMethod(orgId, k.key_no),
      type: 'Multikey' as const,
      controller: u.issuer(orgId),
      publicKeyMultibase: k.public_key_multibase,
      created: k.created_at.toISOString(),
    })),
  };
}

/**
 * The public key of a verification method URL of this platform (`…/public/issuers/{orgId}#key-{n}`), or null.
 */
export async function resolveVerificationMethod(db: Db, publicUrl: string, vm: string): Promise<Uint8Array | null> {
  const prefix = `${publicUrl}/api/v1/public/issuers/`;
  if (!vm.startsWith(prefix)) return null;
  const m = /^([0-9a-f-]{36})#key-(\d{1,6})$/.exec(vm.slice(prefix.length));
  if (!m) return null;
  const row = await db
    .selectFrom('issuer_keys')
    .select('public_key_multibase')
    .where('org_id', '=', m[1]!)
    .where('key_no', '=', Number(m[2]))
    .executeTakeFirst();
  return row ? decodePublicKeyMultibase(row.public_key_multibase) : null;
}
