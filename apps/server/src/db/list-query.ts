import { type SelectQueryBuilder, sql } from 'kysely';

/**
 * One page of an ordered list query and the total of the unpaged query (api-v1 list convention), run side by side.
 * The count drops the select list and the ordering of the same query, so filters and scope are counted exactly.
 */
export async function paginate<DB, TB extends keyof DB, O>(
  ordered: SelectQueryBuilder<DB, TB, O>,
  page: number,
  pageSize: number,
): Promise<{ items: O[]; total: number }> {
  const [items, total] = await Promise.all([
    ordered
      .limit(pageSize)
      .offset((page - 1) * pageSize)
      .execute(),
    ordered
      .clearSelect()
      .clearOrderBy()
      .select(sql<string>`count(*)`.as('n'))
      .executeTakeFirst(),
  ]);
  return { items, total: Number((total as { n?: string } | undefined)?.n ?? 0) };
}

/** A LIKE/ILIKE pattern matching text that contains `q` literally (%, _ and \ in what a user typed match themselves). */
export const containsPattern = (q: string) => `%${q.replace(/[%_\\]/g, '\\$&')}%`;
