#!/usr/bin/env bash
# Every benchmark of the project, from the repository root. Prints figures; asserts nothing.
#   1. the simulation core: cargo run --release -p kubesim --example bench
#   2. the page in headless Chromium: node scripts/bench-ui.mjs (response, frame times while a
#      DaemonSet rolls out over 50, 200 and 1,000 nodes and a 200-replica StatefulSet starts,
#      JS heap after each)
# The page benchmark needs a release build in dist/; `--build` makes one first. Other
# arguments go to bench-ui.mjs (e.g. `--only scale --sizes 200`, `--port 4185`).
# Figures depend on the machine and on what else runs on it: compare runs on one machine.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."

build=0
args=()
for a in "$@"; do
  if [ "$a" = "--build" ]; then build=1; else args+=("$a"); fi
done

printf '\n== core: cargo run --release -p kubesim --example bench\n'
cargo run --quiet --release -p kubesim --example bench

if [ "$build" = 1 ] || [ ! -f dist/index.html ]; then
  printf '\n== trunk build --release\n'
  # shellcheck source=scripts/ensure-tools.sh
  source scripts/ensure-tools.sh build
  trunk build --release
fi

printf '\n== page: node scripts/bench-ui.mjs\n'
node scripts/bench-ui.mjs "${args[@]+"${args[@]}"}"
