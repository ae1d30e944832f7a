import { AsyncLocalStorage } from 'node:async_hooks';
import { type SelectQueryBuilder, sql } from 'kysely';

/**
 * An export reading a whole list (http/xlsx-export.ts) calls the route's own handler page after page. With OFFSET
 * paging every page sorts the filtered list again (100,000 rows: ten sorts), and large pages cost memory. Within
 * `readListOnce` the first `paginate` of each page instead reads on from one cursor over the ordered query: one sort,
 * rows arriving in small chunks. PostgreSQL only — the cursor holds its connection, and PGlite has one.
 */
interface ListReading {
  nextPage: number;
  rows?: AsyncIterator<unknown>;
  total?: number;
}
const reading = new AsyncLocalStorage<ListReading>();
const CURSOR_CHUNK = 1000;

export async function readListOnce<T>(fn: () => Promise<T>): Promise<T> {
  const state: ListReading = { nextPage: 1 };
  try {
    return await reading.run(state, fn);
  } finally {
    await state.rows?.return?.(); // closes the cursor, gives its connection back
  }
}

function countOf<DB, TB extends keyof DB, O>(query: SelectQueryBuilder<DB, TB, O>): Promise<number> {
  return query
    .clearSelect()
    .clearOrderBy()
    .select(sql<string>`count(*)`.as('n'))
    .executeTakeFirst()
    .then((r) => Number((r as { n?: string } | undefined)?.n ?? 0));
}

/**
 * One page of an ordered list query and the total of the unpaged query (api-v1 list convention), run side by side.
 * The count drops the select list and the ordering of the same query, so filters and scope are counted exactly —
 * or of `counted`, the same filters without joins that cannot change the number of rows (cheaper at scale).
 */
export async function paginate<DB, TB extends keyof DB, O, CDB, CTB extends keyof CDB, CO>(
  ordered: SelectQueryBuilder<DB, TB, O>,
  page: number,
  pageSize: number,
  counted?: SelectQueryBuilder<CDB, CTB, CO>,
): Promise<{ items: O[]; total: number }> {
  const count = () => (counted ? countOf(counted) : countOf(ordered));
  const r = reading.getStore();
  if (r && page === r.nextPage) {
    // Only the first list query of each page reads on; any other in the same handler pages as usual.
    if (page === 1) {
      r.total = await count();
      r.rows = ordered.stream(CURSOR_CHUNK)[Symbol.asyncIterator]();
    }
    r.nextPage++;
    const items: O[] = [];
    while (items.length < pageSize) {
      const next = await r.rows!.next();
      if (next.done) break;
      items.push(next.value as O);
    }
    return { items, total: r.total! };
  }
  const [items, total] = await Promise.all([
    ordered
      .limit(pageSize)
      .offset((page - 1) * pageSize)
      .execute(),
    count(),
  ]);
  return { items, total };
}

/** A LIKE/ILIKE pattern matching text that contains `q` literally (%, _ and \ in what a user typed match themselves). */
export const containsPattern = (q: string) => `%${q.replace(/[%_\\]/g, '\\$&')}%`;
