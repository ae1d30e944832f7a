import type { Kysely } from 'kysely';
import type { DB } from '../schema';
import { ensureCreditOutcomes } from '../../modules/credit-bank/credit-bank.queries';
import { seedCatalog } from './catalog';
import { seedRegions } from './regions';

/** Reference data every database has, demo or not: regions (GB/T 2260) and the seed catalog (R1.4). Idempotent. */
export async function seedReferenceData(db: Kysely<DB>): Promise<void> {
  await seedRegions(db);
  await seedCatalog(db);
  // The credit bank's outcome catalog: one outcome per certificate type × level, default credits (R7).
  await ensureCreditOutcomes(db, new Date());
}
