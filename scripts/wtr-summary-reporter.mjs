// A web-test-runner reporter that writes the pass/fail totals to a JSON file for scripts/test.mjs.
import { writeFileSync } from 'node:fs';

function count(suite, totals) {
  for (const t of suite?.tests ?? []) {
    if (t.skipped) totals.skipped++;
    else if (t.passed) totals.passed++;
    else totals.failed++;
  }
  for (const s of suite?.suites ?? []) count(s, totals);
}

export function summaryReporter(file) {
  return {
    onTestRunFinished({ sessions }) {
      const totals = { passed: 0, failed: 0, skipped: 0, brokenFiles: 0 };
      for (const session of sessions) {
        count(session.testResults, totals);
        // A file that failed to load or threw outside a test counts as one failure.
        if (!session.passed && (session.errors?.length ?? 0) > 0) totals.brokenFiles++;
      }
      totals.failed += totals.brokenFiles;
      if (file) writeFileSync(file, JSON.stringify(totals));
    },
  };
}
