import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema';

export function listRegions(db: Kysely<DB>, parentCode: string | undefined) {
  const q = db.selectFrom('regions').select(['code', 'name', 'level', 'parent_code']).orderBy('code');
  return parentCode ? q.where('parent_code', '=', parentCode).execute() : q.where('level', '=', 'province').execute();
}
