#!/bin/sh
# Puts Decap CMS, the web editor at /admin/, into overrides/admin/: the prebuilt files of the npm
# package decap-cms at the version below, checked against the registry's integrity hash. The site
# then serves the editor from its own host (no CDN), and `make site` needs no npm.
# Usage: tools/vendor_decap.sh [VERSION]; then update the version and sha256 in README.md.
set -eu
VERSION="${1:-3.16.3}"
ROOT="$(cd "$(dirname "$0")/.." && pwd)"
TARGET="$ROOT/overrides/admin"
WORK="$(mktemp -d)"
trap 'rm -rf "$WORK"' EXIT

cd "$WORK"
npm pack "decap-cms@$VERSION" --silent >/dev/null  # npm checks the tarball against its integrity hash
tar -xzf "decap-cms-$VERSION.tgz"
rm -f "$TARGET"/*.decap-cms.js "$TARGET"/decap-cms.js "$TARGET"/*.wasm "$TARGET"/decap-cms.js.LICENSE.txt
mkdir -p "$TARGET"
# The bundle loads its other parts (*.decap-cms.js, *.wasm) from beside itself when it needs them.
cp package/dist/decap-cms.js package/dist/*.decap-cms.js package/dist/*.wasm \
   package/dist/decap-cms.js.LICENSE.txt "$TARGET/"
cd "$TARGET"
{
  echo "# decap-cms $VERSION from https://registry.npmjs.org/decap-cms (MIT licence; bundled licences in"
  echo "# decap-cms.js.LICENSE.txt). Written by tools/vendor_decap.sh; tests/test_cms.py checks it."
  sha256sum decap-cms.js ./*.decap-cms.js ./*.wasm decap-cms.js.LICENSE.txt | sed 's| \./| |'
} > SHA256SUMS
echo "decap-cms $VERSION in overrides/admin/: $(du -sh . | cut -f1)"
grep " decap-cms.js$" SHA256SUMS
