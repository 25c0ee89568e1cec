#!/usr/bin/env bash
# Installs, only when missing, the tools that build and test kubeaula.
#
#   source scripts/ensure-tools.sh build   # Rust wasm target, trunk, wasm-bindgen, wasm-opt
#   source scripts/ensure-tools.sh test    # the above + Debian's Chromium + the browser tests' node modules
#
# It can also be run as a program (`bash scripts/ensure-tools.sh test`), but only
# when sourced does it leave behind the variables that make trunk use the system
# wasm-bindgen and the project's wasm-opt (PATH, TRUNK_TOOLS_WASM_BINDGEN,
# TRUNK_TOOLS_WASM_OPT) and never download anything.
#
# Every step is idempotent and prints one short line per tool.

KA_TRUNK_VERSION="0.21.14"
KA_APT_UPDATED=0

ka_root() {
  cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd
}

ka_say() {
  printf '%s\n' "$*"
}

ka_as_root() {
  if [ "$(id -u)" -eq 0 ]; then
    "$@"
  else
    sudo "$@"
  fi
}

ka_rust_target() {
  if rustup target list --installed | grep -qx 'wasm32-unknown-unknown'; then
    ka_say "ok rust target wasm32-unknown-unknown"
  else
    ka_say "installing rust target wasm32-unknown-unknown"
    rustup target add wasm32-unknown-unknown || return 1
  fi
}

ka_trunk() {
  local have=""
  if command -v trunk >/dev/null 2>&1; then
    have="$(trunk --version 2>/dev/null | awk '{print $2}')"
  fi
  if [ "$have" = "$KA_TRUNK_VERSION" ]; then
    ka_say "ok trunk $have"
  else
    ka_say "installing trunk $KA_TRUNK_VERSION (found: ${have:-none}; takes several minutes)"
    cargo install trunk --version "$KA_TRUNK_VERSION" --locked || return 1
  fi
}

# Version of the wasm-bindgen crate recorded in Cargo.lock.
ka_lock_wasm_bindgen_version() {
  local root="$1"
  awk '
    /^\[\[package\]\]/ { in_wb = 0 }
    /^name = "wasm-bindgen"$/ { in_wb = 1; next }
    in_wb && /^version = / { gsub(/"/, "", $3); print $3; exit }
  ' "$root/Cargo.lock"
}

ka_wasm_bindgen() {
  local root="$1" want have=""
  if [ ! -f "$root/Cargo.lock" ]; then
    ka_say "generating Cargo.lock"
    (cd "$root" && cargo generate-lockfile) || return 1
  fi
  want="$(ka_lock_wasm_bindgen_version "$root")"
  if [ -z "$want" ]; then
    ka_say "error: no wasm-bindgen package in $root/Cargo.lock" >&2
    return 1
  fi
  if command -v wasm-bindgen >/dev/null 2>&1; then
    have="$(wasm-bindgen --version 2>/dev/null | awk '{print $2}')"
  fi
  if [ "$have" = "$want" ]; then
    ka_say "ok wasm-bindgen $have"
  else
    ka_say "installing wasm-bindgen-cli $want (found: ${have:-none}; takes several minutes)"
    cargo install wasm-bindgen-cli --version "$want" --force || return 1
  fi
  export TRUNK_TOOLS_WASM_BINDGEN="$want"
}

ka_apt_installed() {
  [ "$(dpkg-query -W -f='${Status}' "$1" 2>/dev/null)" = "install ok installed" ]
}

ka_apt() {
  local pkg="$1"
  if ka_apt_installed "$pkg"; then
    ka_say "ok $pkg $(dpkg-query -W -f='${Version}' "$pkg")"
    return 0
  fi
  ka_say "installing $pkg (apt)"
  if [ "$KA_APT_UPDATED" -eq 0 ]; then
    ka_as_root apt-get update -qq || return 1
    KA_APT_UPDATED=1
  fi
  ka_as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "$pkg" >/dev/null
}

ka_wasm_opt() {
  # wasm-opt comes from the npm package binaryen (pinned in tools/package.json),
  # not from Debian: bookworm's binaryen 108 rewrites the export of wasm-bindgen's
  # externref table to the wrong table, and the page then fails at start with
  # "WebAssembly.Table.set(): Argument 1 is invalid for table".
  local root="$1" v
  ka_node_modules "$root/tools" "build tools (tools/)" || return 1
  case ":$PATH:" in
    *":$root/tools/node_modules/.bin:"*) ;;
    *) export PATH="$root/tools/node_modules/.bin:$PATH" ;;
  esac
  v="$("$root/tools/node_modules/.bin/wasm-opt" --version | awk '{print $3}')"
  if [ -z "$v" ]; then
    ka_say "error: wasm-opt from tools/node_modules does not run" >&2
    return 1
  fi
  ka_say "ok wasm-opt $v (npm binaryen)"
  # trunk names binaryen releases "version_N" and checks `wasm-opt --version` against it.
  export TRUNK_TOOLS_WASM_OPT="version_$v"
}

ka_cargo_fetch() {
  # Trunk.toml sets offline = true, so trunk runs `cargo build --offline`:
  # fetch the dependencies of every target (wasm32 included) first.
  local root="$1"
  if (cd "$root" && cargo fetch --quiet); then
    ka_say "ok cargo dependencies fetched"
  else
    ka_say "error: cargo fetch failed" >&2
    return 1
  fi
}

ka_npm() {
  if ! command -v npm >/dev/null 2>&1; then
    ka_apt nodejs || return 1
    ka_apt npm || return 1
  fi
}

# Installs the node modules of one folder (npm ci) unless its lockfile is unchanged
# since the last install.
ka_node_modules() {
  local dir="$1" label="$2" stamp lock_sum
  ka_npm || return 1
  stamp="$dir/node_modules/.kubeaula-lock.sha256"
  if [ -f "$dir/package-lock.json" ]; then
    lock_sum="$(cat "$dir/package.json" "$dir/package-lock.json" | sha256sum | awk '{print $1}')"
  else
    lock_sum="$(sha256sum "$dir/package.json" | awk '{print $1}')"
  fi
  if [ -d "$dir/node_modules" ] && [ -f "$stamp" ] && [ "$(cat "$stamp")" = "$lock_sum" ]; then
    ka_say "ok node modules of $label"
    return 0
  fi
  ka_say "installing node modules of $label"
  (
    cd "$dir"
    export PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1
    if [ -f package-lock.json ]; then
      npm ci --no-audit --no-fund --loglevel=error >/dev/null
    else
      npm install --no-audit --no-fund --loglevel=error >/dev/null
    fi
  ) || return 1
  # npm install may have just written the lockfile: hash again.
  if [ -f "$dir/package-lock.json" ]; then
    lock_sum="$(cat "$dir/package.json" "$dir/package-lock.json" | sha256sum | awk '{print $1}')"
  fi
  printf '%s\n' "$lock_sum" >"$stamp"
}

ka_chromium() {
  ka_apt chromium || return 1
  ka_apt chromium-driver || return 1
  export CHROMIUM="${CHROMIUM:-/usr/bin/chromium}"
}

ensure_tools() {
  local mode="${1:-build}" root
  case "$mode" in
    build | test) ;;
    *)
      ka_say "usage: ensure-tools.sh [build|test]" >&2
      return 2
      ;;
  esac
  root="$(ka_root)"
  case ":$PATH:" in
    *":${CARGO_HOME:-$HOME/.cargo}/bin:"*) ;;
    *) export PATH="${CARGO_HOME:-$HOME/.cargo}/bin:$PATH" ;;
  esac

  ka_rust_target || return 1
  ka_trunk || return 1
  ka_wasm_bindgen "$root" || return 1
  ka_wasm_opt "$root" || return 1
  ka_cargo_fetch "$root" || return 1
  # No network calls from trunk itself (update check) either.
  export TRUNK_SKIP_VERSION_CHECK=true

  if [ "$mode" = "test" ]; then
    ka_chromium || return 1
    ka_node_modules "$root/tests/e2e" "browser tests (tests/e2e)" || return 1
  fi
}

if [ "${BASH_SOURCE[0]}" = "$0" ]; then
  set -euo pipefail
  ensure_tools "$@"
else
  ensure_tools "$@"
fi
