#!/usr/bin/env bash
# The tests (all, or the paths given) on Node.js 24 from the npm registry's `node` package,
# whatever Node runs npm. Child processes (the CLI, `beacon serve`) find Node 24 first on PATH.
set -euo pipefail
cd "$(dirname "$0")/.."
node24="$(npx -y -p node@24 -c 'node -p process.execPath')"
PATH="$(dirname "$node24"):$PATH"
export PATH
node --version
exec node node_modules/vitest/vitest.mjs run "$@"
