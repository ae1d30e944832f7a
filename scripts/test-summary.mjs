// Prints one closing line over vitest JSON reports: "tests: N passed, N failed, N skipped", and names the tests
// that passed only on a second try (the e2e project retries once), with their first failure, so that a flaky
// journey is seen rather than hidden.
import { readFileSync } from 'node:fs';

let passed = 0;
let failed = 0;
let skipped = 0;
const retried = [];
for (const file of process.argv.slice(2)) {
  const r = JSON.parse(readFileSync(file, 'utf8'));
  passed += r.numPassedTests;
  failed += r.numFailedTests;
  skipped += r.numPendingTests + (r.numTodoTests ?? 0);
  for (const f of r.testResults) {
    for (const t of f.assertionResults) {
      // vitest keeps the errors of the failed tries on a test that passed on a later one.
      if (t.status === 'passed' && t.failureMessages.length > 0) retried.push({ name: t.fullName, error: t.failureMessages[0] });
    }
  }
}
for (const t of retried) console.log(`passed on a second try: ${t.name}\n  first try: ${t.error.split('\n')[0]}`);
console.log(
  `tests: ${passed} passed, ${failed} failed, ${skipped} skipped${retried.length ? `, ${retried.length} passed on a second try` : ''}`,
);
process.exit(failed > 0 || passed === 0 ? 1 : 0);
