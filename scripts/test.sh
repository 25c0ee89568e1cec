#!/usr/bin/env bash
# Everything the project checks, from the repository root:
#   1. installs the missing tools (scripts/ensure-tools.sh test)
#   2. colour contrast of every theme, WCAG AA (scripts/contrast.mjs)
#   3. native tests of every crate (cargo test --workspace)
#   4. release build of the web app into dist/ (trunk build --release --public-url ./)
#   5. download size of dist/, failing above its ceiling (scripts/size.mjs --ceiling)
#   6. browser tests in headless Chromium (Playwright, tests/e2e)
# Exits non-zero on the first failure.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."

step() {
  printf '\n== %s\n' "$*"
}

step "tools"
# shellcheck source=scripts/ensure-tools.sh
source scripts/ensure-tools.sh test

step "contrast of the themes (WCAG AA)"
node scripts/contrast.mjs

step "cargo test --workspace"
cargo test --workspace

step "trunk build --release --public-url ./"
# Relative URLs, as scripts/publish.sh builds by default: the same bundle is tested at /
# and under a sub-path (tests/e2e/offline.spec.mjs serves it at /kubeaula/).
trunk build --release --public-url ./

step "size of dist/"
node scripts/size.mjs --ceiling

step "browser tests (Playwright, headless Chromium)"
cd tests/e2e
mkdir -p test-results
set +e
PLAYWRIGHT_JSON_OUTPUT_NAME=test-results/results.json npx --no-install playwright test --reporter=list,json
status=$?
set -e
# One closing line in the plain form every runner summary is read in.
node -e '
  const fs = require("fs");
  let s = { expected: 0, unexpected: 0, flaky: 0, skipped: 0 };
  try { s = JSON.parse(fs.readFileSync("test-results/results.json", "utf8")).stats; } catch (e) {}
  const failed = s.unexpected + s.flaky;
  console.log(`playwright: ${s.expected} passed, ${failed} failed` + (s.skipped ? `, ${s.skipped} skipped` : ""));
'
exit "$status"
