import type pg from 'pg';
import type { Config } from '../config';
import type { DatabaseKind } from '../db/database';
import type { ReadRouter } from '../db/replicas';
import type { Db } from '../db/types';
import type { Clock } from './clock';

/** What buildApp hands to every module: configuration, database and clock (no globals). */
export interface Deps {
  config: Config;
  db: Db;
  dbKind: DatabaseKind;
  /** The connections under `db`, for named prepared statements on hot public reads (certificate verification). */
  pool: pg.Pool;
  clock: Clock;
  /** Read replicas (DATABASE_REPLICA_URLS), when configured: see http/read-routing.ts. */
  reads?: ReadRouter | undefined;
}
