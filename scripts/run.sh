#!/usr/bin/env bash
# Builds kubeaula (release) and serves it at http://127.0.0.1:8080 with its
# Content-Security-Policy header (scripts/csp.mjs; the same server as the browser tests).
# Run it again after changing the code.
#
# For faster rebuilds while editing, a debug build served by trunk, rebuilt on change
# (reload the page yourself: trunk's auto-reload script is inline, which the policy refuses;
# the policy then comes from the <meta> in index.html, without frame-ancestors):
#   KUBEAULA_DEBUG=1 bash scripts/run.sh
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."

# shellcheck source=scripts/ensure-tools.sh
source scripts/ensure-tools.sh build

if [ "${KUBEAULA_DEBUG:-0}" = "1" ]; then
  echo "serving a debug build at http://127.0.0.1:8080 (Ctrl-C to stop)"
  exec trunk serve --no-autoreload "$@"
fi

trunk build --release "$@"
echo "serving at http://127.0.0.1:8080 (Ctrl-C to stop)"
exec node tests/e2e/serve.mjs dist 8080 127.0.0.1
