#!/usr/bin/env bash
# kubesim's benchmark at an earlier commit and at the working tree, in one run: each built
# in release, then run alternately ROUNDS times (so both meet the same machine load), and
# every figure printed with its median before, after, and the ratio after / before.
# Prints figures; asserts nothing.
#
#   bash scripts/bench-compare.sh [OLD_REV] [ROUNDS]     # defaults: HEAD~1, 3
#
# The earlier commit is checked out in a temporary git worktree with its own target/
# (removed at the end). Both must have `crates/kubesim/examples/bench.rs` printing the same
# table layout: lines are paired by position, numbers by their place in the line.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
old_rev="${1:-HEAD~1}"
rounds="${2:-3}"
old_sha="$(git rev-parse --verify "$old_rev^{commit}")"
tmp="$(mktemp -d)"
cleanup() {
  git worktree remove --force "$tmp/old" >/dev/null 2>&1 || true
  rm -rf "$tmp"
}
trap cleanup EXIT

git worktree add --detach "$tmp/old" "$old_sha" >/dev/null
echo "building the bench at $(git log -1 --format='%h %s' "$old_sha" | cut -c1-70)"
(cd "$tmp/old" && cargo build --quiet --release -p kubesim --example bench)
echo "building the bench in the working tree"
cargo build --quiet --release -p kubesim --example bench

for i in $(seq 1 "$rounds"); do
  echo "round $i of $rounds"
  "$tmp/old/target/release/examples/bench" >"$tmp/before.$i"
  target/release/examples/bench >"$tmp/after.$i"
done

python3 - "$tmp" "$rounds" <<'EOF'
import re, statistics, sys

tmp, rounds = sys.argv[1], int(sys.argv[2])
num = re.compile(r"-?\d+(?:\.\d+)?")

def runs(name):
    return [open(f"{tmp}/{name}.{i}").read().splitlines() for i in range(1, rounds + 1)]

before, after = runs("before"), runs("after")
if len({len(r) for r in before + after}) != 1:
    sys.exit("bench-compare: the two benches print different tables; compare them by hand")

def medians(all_runs, line):
    cols = [[float(x) for x in num.findall(r[line])] for r in all_runs]
    if len({len(c) for c in cols}) != 1:
        return None
    return [statistics.median(vals) for vals in zip(*cols)]

print(f"\nmedian of {rounds} alternating runs; a figure that moved reads before→after (after / before)")
for line, text in enumerate(before[0]):
    b, a = medians(before, line), medians(after, line)
    if not b or not a or len(b) != len(a):
        print(text)
        continue
    pairs = iter(zip(b, a))
    def cell(m):
        x, y = next(pairs)
        if x == y:
            return m.group(0)
        return f"{x:g}→{y:g} ({y / x:.2f})" if x else f"{x:g}→{y:g}"
    print(num.sub(cell, text))
EOF
