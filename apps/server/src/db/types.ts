import type { Kysely, Transaction } from 'kysely';
import type { DB } from './schema';

/** The database handle services pass to query functions; a transaction is one too. */
export type Db = Kysely<DB>;
export type Tx = Transaction<DB>;
