import { defineConfig } from 'vitest/config';

/**
 * Three projects: `unit` (pure code, no database), `db` (services and HTTP against a real database:
 * PGlite by default, PostgreSQL when TEST_DATABASE_URL is set), `e2e` (browser journeys in Debian Chromium).
 */
export default defineConfig({
  test: {
    projects: [
      {
        test: {
          name: 'unit',
          environment: 'node',
          include: [
            'packages/shared/src/**/*.test.ts',
            'apps/server/src/**/*.test.ts',
            'apps/web/src/**/*.test.{ts,tsx}',
            'bench/**/*.test.ts',
            'scripts/**/*.test.mjs',
          ],
          exclude: ['**/*.db.test.ts', '**/node_modules/**'],
        },
      },
      {
        test: {
          name: 'db',
          environment: 'node',
          include: ['apps/server/src/**/*.db.test.ts'],
          globalSetup: ['apps/server/src/test/global-setup.ts'],
          testTimeout: 30_000,
          hookTimeout: 60_000,
        },
      },
      {
        test: {
          name: 'e2e',
          environment: 'node',
          include: ['e2e/**/*.test.ts'],
          testTimeout: 60_000,
          hookTimeout: 120_000,
          fileParallelism: false,
          // A journey drives a real browser against a real server on a shared two-core machine: one that fails
          // once is run again, and scripts/test-summary.mjs names every test that needed the second try.
          retry: 1,
        },
      },
    ],
  },
});
