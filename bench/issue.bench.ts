/**
 * npm run bench -- issue [--count=100000]
 *
 * R6.1 + R6.5 at scale (issue 6 Benchmark): in a fresh PostgreSQL database (BENCH_DATABASE_URL), a session whose
 * `count` candidates all passed and whose scores are published; then `issueSessionCertificates` — the code path of
 * POST /api/v1/exam-sessions/{id}/certificates: decrypt each ID number, sign an eddsa-jcs-2022 credential, insert
 * the certificate, open the learning account and deposit the outcome, all in one transaction — is timed.
 * Baseline in the same run: a plain COPY of the same number of (number, signed credential text) rows into a bare table.
 * Target: ≥ 5,000 certificates per second.
 */
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import type { Config } from '../apps/server/src/config';
import { openDatabase } from '../apps/server/src/db/database';
import { systemClock } from '../apps/server/src/lib/clock';
import { actorFromRow } from '../apps/server/src/modules/auth/auth.service';
import { credentialText } from '../apps/server/src/modules/certificates/certificates.queries';
import { issueSessionCertificates } from '../apps/server/src/modules/certificates/certificates.service';

type CredentialRow = Parameters<typeof credentialText>[0];
import { copyIn, people, setupRegisteredSession, withBenchDatabase } from './fixtures';
import { seconds } from './lib';

export async function run(args: string[]): Promise<void> {
  const n = Number(args.find((a) => a.startsWith('--count='))?.slice(8) ?? 100_000);
  const secretKey = randomBytes(32);
  await withBenchDatabase('issue', async (url) => {
    const tSetup = performance.now();
    const rows = people(n, true);
    const { sessionId, userId, orgId } = await setupRegisteredSession(url, secretKey, rows, 'examined');
    const setup = new pg.Client({ connectionString: url });
    await setup.connect();
    try {
      const imp = await setup.query<{ id: string }>(
        `INSERT INTO result_imports (session_id, org_id, province_code, file_sha256, file_name, status, rows, passed, created_at)
         VALUES ($1, $2, '440000', repeat('0', 64), 'bench.csv', 'succeeded', $3, $3, now()) RETURNING id`,
        [sessionId, orgId, n],
      );
      await setup.query(
        `INSERT INTO exam_results (registration_id, session_id, province_code, score, passed, import_id, created_at)
         SELECT id, session_id, province_code, 80, true, $2, now() FROM exam_registrations WHERE session_id = $1`,
        [sessionId, imp.rows[0]!.id],
      );
      await setup.query(
        `UPDATE exam_sessions SET status = 'scores_published', scores_published_at = now() - interval '1 day' WHERE id = $1`,
        [sessionId],
      );
      await setup.query('UPDATE evaluation_orgs SET publicity_days = 0 WHERE id = $1', [orgId]);
      await setup.query('ANALYZE');
    } finally {
      await setup.end();
    }
    console.log(`setup: ${n} passed candidates with published scores (${seconds(performance.now() - tSetup)} s, not timed)`);

    const database = await openDatabase({ databaseUrl: url, poolSize: 4 });
    let ms: number;
    let outcome: { issued: number; alreadyIssued: number };
    try {
      const config = { secretKey, publicUrl: 'https://1x.example.cn' } as Config;
      const deps = { config, db: database.db, dbKind: database.kind, pool: database.pool, clock: systemClock };
      const user = await database.db.selectFrom('users').selectAll().where('id', '=', userId).executeTakeFirstOrThrow();
      const ctx = { actor: actorFromRow(user, 'token'), requestId: 'bench', clientIp: null };
      const t0 = performance.now();
      outcome = await issueSessionCertificates(deps, ctx, sessionId);
      ms = performance.now() - t0;
    } finally {
      await database.close();
    }

    const check = new pg.Client({ connectionString: url });
    await check.connect();
    let baselineMs: number;
    try {
      const certs = Number((await check.query('SELECT count(*) AS n FROM certificates WHERE session_id = $1', [sessionId])).rows[0].n);
      const deposits = Number(
        (await check.query("SELECT count(*) AS n FROM learning_outcomes WHERE source_kind = 'certificate_issuance'")).rows[0].n,
      );
      if (outcome.issued !== n || certs !== n || deposits !== n)
        throw new Error(`expected ${n}, got ${JSON.stringify({ outcome, certs, deposits })}`);
      const sample = (
        await check.query<CredentialRow & { number: string }>(
          'SELECT c.*, b.template FROM certificates c JOIN credential_batches b ON b.id = c.batch_id LIMIT 1',
        )
      ).rows[0]!;
      await check.query('CREATE TABLE bench_copy (number text, credential text)');
      const line = `${sample.number}\t${credentialText(sample).replaceAll('\\', '\\\\')}\n`;
      const t0 = performance.now();
      await copyIn(
        check,
        'COPY bench_copy FROM STDIN',
        (function* () {
          for (let i = 0; i < n; i++) yield line;
        })(),
      );
      baselineMs = performance.now() - t0;
    } finally {
      await check.end();
    }
    const perSecond = n / (ms / 1000);
    console.log(
      `issuance through the service (sign + insert + deposit, one transaction): ${seconds(ms)} s, ${perSecond.toFixed(0)} per second   target ≥ 5000/s`,
    );
    console.log(
      `baseline — plain COPY of ${n} (number, credential) rows into a bare table: ${seconds(baselineMs)} s, ${(n / (baselineMs / 1000)).toFixed(0)} per second`,
    );
    console.log(
      `RESULT name=issue count=${n} seconds=${seconds(ms)} per_second=${perSecond.toFixed(0)} baseline_seconds=${seconds(baselineMs)} ratio=${(ms / baselineMs).toFixed(1)}`,
    );
    if (perSecond < 5000) process.exitCode = 1;
  });
}
