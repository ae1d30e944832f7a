import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema';

export interface NewFile {
  sha256: string;
  size: number;
  mime: string;
  originalName: string;
  bytes: Buffer;
  createdAt: Date;
  createdBy: string | null;
  provinceCode: string | null;
  schoolId: string | null;
  orgId: string | null;
}

export async function insertFile(db: Kysely<DB>, f: NewFile): Promise<string> {
  const r = await db
    .insertInto('files')
    .values({
      sha256: f.sha256,
      size: f.size,
      mime: f.mime,
      original_name: f.originalName,
      bytes: f.bytes,
      created_at: f.createdAt,
      created_by: f.createdBy,
      province_code: f.provinceCode,
      school_id: f.schoolId,
      org_id: f.orgId,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return r.id;
}

/** A file's metadata, without its content (authorize before reading the bytes). */
export function findFileMeta(db: Kysely<DB>, id: string) {
  return db
    .selectFrom('files')
    .select(['id', 'sha256', 'size', 'mime', 'original_name', 'created_by', 'province_code', 'school_id', 'org_id'])
    .where('id', '=', id)
    .executeTakeFirst();
}
export type FileMeta = NonNullable<Awaited<ReturnType<typeof findFileMeta>>>;

export async function readFileBytes(db: Kysely<DB>, id: string): Promise<Buffer> {
  const r = await db.selectFrom('files').select('bytes').where('id', '=', id).executeTakeFirstOrThrow();
  return Buffer.from(r.bytes);
}
