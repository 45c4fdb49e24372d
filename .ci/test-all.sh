#!/usr/bin/env bash
# The README's test command: installs what the tests need, then runs type checks and every test.
set -euo pipefail
cd "$(dirname "$0")/.."
bash .ci/install-system-packages.sh
npm ci --no-audit --no-fund
npm run typecheck
npx vitest run
