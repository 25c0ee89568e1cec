#!/usr/bin/env bash
# The long fuzz run: each target (manifest reader and validator, kubectl line parser and
# executor, share-link decoder, stored-state loader) for SECONDS seconds (default 60), from
# a seed (default: the time; SEED=N to replay one). Prints executions, refusals, panics and
# violations per target and the first failures with their input; exits 1 on any failure.
#   bash scripts/fuzz.sh            # 60 s per target
#   bash scripts/fuzz.sh 600        # 10 min per target
#   SEED=42 bash scripts/fuzz.sh 30 --target kubectl
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
seconds="${1:-60}"
shift || true
seed_args=()
if [[ -n "${SEED:-}" ]]; then seed_args=(--seed "$SEED"); fi
cargo run --quiet --release -p course --example fuzz -- --seconds "$seconds" "${seed_args[@]}" "$@"
