#!/usr/bin/env bash
# Builds kubeaula and serves it at http://127.0.0.1:8080 (rebuilds on change).
#
# Release build by default: wasm-opt shrinks the download and the page behaves as
# it will when published. For faster rebuilds while editing:
#   KUBEAULA_DEBUG=1 bash scripts/run.sh
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."

# shellcheck source=scripts/ensure-tools.sh
source scripts/ensure-tools.sh build

profile=(--release)
if [ "${KUBEAULA_DEBUG:-0}" = "1" ]; then
  profile=()
fi

echo "serving at http://127.0.0.1:8080 (Ctrl-C to stop)"
exec trunk serve "${profile[@]}" "$@"
