#!/usr/bin/env bash
# Re-vendors the web page's one third-party module: the `yaml` npm package's browser build (ISC licence),
# used by the New build form to check a cloud-config as it is typed. Run by hand when upgrading; the
# result is committed under src/Kairos.Factory/wwwroot/vendor/yaml, so the page needs no network or CDN.
set -euo pipefail
version=${1:-2.9.1}
cd "$(dirname "$0")/.."
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
(cd "$work" && npm pack --silent "yaml@$version" >/dev/null && tar -xzf "yaml-$version.tgz")
target=src/Kairos.Factory/wwwroot/vendor/yaml
rm -rf "$target"
mkdir -p "$target"
cp -r "$work/package/browser/dist/." "$target/"
cp "$work/package/LICENSE" "$target/LICENSE"
echo "yaml $version (npm), browser/dist, ISC licence" >"$target/VERSION"
echo "vendored yaml $version into $target"
