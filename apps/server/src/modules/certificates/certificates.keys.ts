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

/** The contexts of a controller document (DID v1 + Multikey; `name` from schema.org). */
export const CONTROLLER_CONTEXT = [
  'https://www.w3.org/ns/did/v1',
  'https://w3id.org/security/multikey/v1',
  { name: 'https://schema.org/name' },
];

type KeyRow = { key_no: number; public_key_multibase: string; created_at: Date };

/** A controlled-identifier (DID) document: every key ever used, each authorised to sign credentials. */
export function controllerDocument(id: string, name: string, keys: KeyRow[]) {
  const verificationMethod = keys.map((k) => ({
    id: `${id}#key-${k.key_no}`,
    type: 'Multikey' as const,
    controller: id,
    publicKeyMultibase: k.public_key_multibase,
    created: k.created_at.toISOString(),
  }));
  return { '@context': CONTROLLER_CONTEXT, id, name, verificationMethod, assertionMethod: verificationMethod.map((m) => m.id) };
}

/**
 * api-v1 `GET /public/issuers/{id}` and `GET /issuers/{id}/did.json`: the organization's did:web document with every
 * key it ever had (none is deleted; a rotated key is not marked `revoked`, which would tell verifiers to distrust what
 * it signed) in `verificationMethod` and `assertionMethod` (W3C Controlled Identifiers §3.3).
 */
export async function issuerDocument(db: Db, publicUrl: string, orgId: string): Promise<IssuerDto | null> {
  const org = await db.selectFrom('evaluation_orgs').select(['id', 'name']).where('id', '=', orgId).executeTakeFirst();
  if (!org) return null;
  const keys = await db.selectFrom('issuer_keys').selectAll().where('org_id', '=', orgId).orderBy('key_no').execute();
  return controllerDocument(urls(publicUrl).issuer(orgId), org.name, keys);
}

// ---- the platform's own key (signs the trust list) ----

const PLATFORM_PURPOSE = 'platform-key';

/** The platform's active key (`did:web:<host>#key-n`), created on first use (key 1; a concurrent creation loses on
 * the unique key number and reads the winner's). */
export async function platformSigningKey(db: Db, secretKey: Buffer, publicUrl: string, at: Date): Promise<SigningKey> {
  const active = () => db.selectFrom('platform_keys').selectAll().where('status', '=', 'active').executeTakeFirst();
  let row = await active();
  if (!row) {
    const pair = generateEd25519();
    await db
      .insertInto('platform_keys')
      .values({
        key_no: 1,
        public_key_multibase: publicKeyMultibase(pair.publicKey),
        private_key_enc: seal(secretKey, PLATFORM_PURPOSE, pair.privateKey),
        created_at: at,
      })
      .onConflict((oc) => oc.column('key_no').doNothing())
      .execute();
    row = (await active())!;
  }
  return {
    id: row.id,
    keyNo: row.key_no,
    verificationMethod: urls(publicUrl).platformKey(row.key_no),
    publicKey: Buffer.from(decodePublicKeyMultibase(row.public_key_multibase)),
    privateKey: open(secretKey, PLATFORM_PURPOSE, row.private_key_enc),
  };
}

/** The platform's did:web document (`/.well-known/did.json`): the keys that sign the trust list. */
export async function platformDocument(db: Db, publicUrl: string) {
  const keys = await db.selectFrom('platform_keys').selectAll().orderBy('key_no').execute();
  return controllerDocument(urls(publicUrl).platform, '1+X 证书信息管理服务平台', keys);
}
