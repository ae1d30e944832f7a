/**
 * A second (third…) server process for the multi-process tests (issue 19 items 2 and 3), started with tsx.
 * `serve`: the real app on a port of its own (DATABASE_URL, or a fresh in-memory clone of PGLITE_IMAGE), printing
 * `LISTENING <port>`. `claim`: claims export jobs with the real FOR UPDATE SKIP LOCKED query until none is left,
 * printing `CLAIMED <id>` for each and marking it done.
 */
import { readFileSync } from 'node:fs';
import { PGlite } from '@electric-sql/pglite';
import { buildApp } from '../app';
import { loadConfig } from '../config';
import { openDatabase } from '../db/database';
import { claimNextJob, finishJob } from '../modules/exports/exports.queries';

const mode = process.argv[2];
const config = loadConfig();
const image = process.env.PGLITE_IMAGE;
const pglite = config.databaseUrl || !image ? undefined : await PGlite.create({ loadDataDir: new Blob([readFileSync(image)]) });
const database = await openDatabase(config.databaseUrl ? { databaseUrl: config.databaseUrl, poolSize: 4 } : { pglite: pglite! });

if (mode === 'claim') {
  for (;;) {
    const now = new Date();
    const job = await claimNextJob(database.db, new Date(now.getTime() - 3_600_000), now, 3);
    if (!job) break;
    process.stdout.write(`CLAIMED ${job.id}\n`);
    await new Promise((r) => setTimeout(r, 5)); // the job's work: lets the other process claim meanwhile
    await finishJob(database.db, job.id, { status: 'succeeded', at: new Date(), done: 0 });
  }
  await database.close();
  process.exit(0);
} else {
  const app = await buildApp({ config, db: database.db, dbKind: database.kind, pool: database.pool, logger: false });
  await app.listen({ port: 0, host: '127.0.0.1' });
  const address = app.server.address();
  process.stdout.write(`LISTENING ${typeof address === 'object' && address ? address.port : 0}\n`);
  process.on(
    'SIGTERM',
    () =>
      void app
        .close()
        .then(() => database.close())
        .then(() => process.exit(0)),
  );
}
