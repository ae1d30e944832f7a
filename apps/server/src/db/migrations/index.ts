import { sql as foundation } from './0001_foundation';

export interface Migration {
  name: string;
  sql: string;
}

/** Hand-written SQL migrations, applied in this order; never edit one that has shipped, add a new one. */
export const migrations: Migration[] = [{ name: '0001_foundation', sql: foundation }];
