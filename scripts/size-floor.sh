#!/usr/bin/env bash
# The smallest the wasm could be with this design, measured rather than guessed:
#   simonly  the simulator (crates/kubesim) alone, behind one exported function that runs a
#            kubectl script, with no UI, no lessons and no translations
#   hello    Leptos 0.8 (csr) drawing one counter button
# Both are built with the app's release profile and optimised with the app's wasm-opt flags
# (index.html), then gzipped at level 9, as scripts/size.mjs counts them.
#
#   bash scripts/size-floor.sh
#
# Builds in target/size-floor (about two minutes the first time). Not part of the test
# command: it prints figures and asserts nothing.
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
work="$root/target/size-floor"
source "$root/scripts/ensure-tools.sh" build

rm -rf "$work/tree"
mkdir -p "$work/tree"
cp -r "$root/tools/size-floor/." "$work/tree/"
sed -i "s#KUBESIM#$root/crates/kubesim#" "$work/tree/simonly/Cargo.toml"
cp "$root/Cargo.lock" "$work/tree/Cargo.lock"
(cd "$work/tree" && CARGO_TARGET_DIR="$work/target" cargo build --quiet --release --target wasm32-unknown-unknown)

params=$(sed -n 's/.*data-wasm-opt-params="\([^"]*\)".*/\1/p' "$root/index.html")
level=$(sed -n 's/.*data-wasm-opt="\([^"]*\)".*/\1/p' "$root/index.html")
wasm_opt="$root/tools/node_modules/.bin/wasm-opt"
[ -x "$wasm_opt" ] || wasm_opt=wasm-opt

printf '%-8s %12s %12s\n' part 'raw bytes' 'gzip -9'
for crate in simonly hello; do
  out="$work/out/$crate"
  rm -rf "$out" && mkdir -p "$out"
  wasm-bindgen --target web --out-dir "$out" "$work/target/wasm32-unknown-unknown/release/$crate.wasm"
  # shellcheck disable=SC2086
  "$wasm_opt" "-O$level" $params "$out/${crate}_bg.wasm" -o "$out/opt.wasm"
  printf '%-8s %12s %12s\n' "$crate" "$(stat -c%s "$out/opt.wasm")" "$(gzip -9c "$out/opt.wasm" | wc -c)"
done
echo "budget   (issue 9)       400000  (the whole first visit)"
