#!/usr/bin/env bash
# The README's test command: installs what the tests need, then runs type checks and every test.
set -uo pipefail
cd "$(dirname "$0")/.."
bash .ci/install-system-packages.sh || exit 1
npm ci --no-audit --no-fund || exit 1
npm run typecheck || exit 1
mkdir -p .tmp
npx vitest run --reporter=default --reporter=json --outputFile.json=.tmp/vitest-results.json
status=$?
# One plain closing line, whatever the reporter printed above it.
node -e '
  const r = JSON.parse(require("fs").readFileSync(".tmp/vitest-results.json", "utf8"));
  // a file that fails to load counts as a failure even when no test in it ran
  const failed = r.numFailedTests || r.numFailedTestSuites;
  console.log(`Tests: ${r.numPassedTests} passed, ${failed} failed, ${r.numPendingTests + r.numTodoTests} skipped`);
' | tee .tmp/test-summary.txt || echo "Tests: 0 passed, 1 failed"
exit $status
