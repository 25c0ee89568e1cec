#!/usr/bin/env bash
# Builds the release bundle into dist/ for any static host.
#
#   bash scripts/publish.sh            # relative URLs: works at / and under any sub-path
#   bash scripts/publish.sh /kubeaula/ # absolute URLs under /kubeaula/
#
# Then copy dist/ as it is to the host (GitHub Pages, GitLab Pages, nginx, S3…). The app
# routes nothing by path (lesson, step and share links live in the query and the
# fragment), so no rewrite rules are needed. Serve .wasm as application/wasm, and send the
# Content-Security-Policy of dist/index.html as a header where the host allows it.
# Each compressible file gets a gzip and a brotli copy beside it (FILE.gz, FILE.br) for hosts
# that serve precompressed files (scripts/precompress.mjs prints their sizes).
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
public_url="${1:-./}"
# shellcheck source=scripts/ensure-tools.sh
source scripts/ensure-tools.sh build
trunk build --release --public-url "$public_url"
node scripts/precompress.mjs dist
echo "dist/ is ready to publish (public URL: $public_url)"
