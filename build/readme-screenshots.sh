#!/usr/bin/env bash
# Makes the README's Factory screenshots again, from a real build (as root):
#   bash build/readme-screenshots.sh
# Runs the browser test DebianBuildTests with KAIROS_FACTORY_README_SCREENSHOTS set: a debootstrap'd Debian 12 root
# uploaded through the New build form, built inside podman (the generated Containerfile; the ISO made in the tools
# image), followed on the build page and downloaded by the browser. The server keeps its data, the binary and the (stand-in) artifacts
# under /srv/kairos-factory, so the log in the pictures shows no path of this machine. docs/screenshots/new-build.png,
# running-build.png and finished-build.png are replaced only when the test passes.
set -euo pipefail
cd "$(dirname "$0")/.."
[ "$(id -u)" = 0 ] || { echo "readme-screenshots: needs root (debootstrap, podman)" >&2; exit 1; }
bash build/install-deps.sh tests
bash build/publish.sh linux-x64 out/linux-x64 >/dev/null
shots=$(mktemp -d)
trap 'rm -rf "$shots"' EXIT
export KAIROS_STAGES_BINARY=$PWD/out/linux-x64/kairos-stages KAIROS_FACTORY_README_SCREENSHOTS=$shots
export PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1 KAIROS_FACTORY_CHROMIUM=${KAIROS_FACTORY_CHROMIUM:-/usr/bin/chromium}
dotnet test tests/Kairos.Factory.Browser.Tests -c Release --filter "FullyQualifiedName~DebianBuildTests"
for name in new-build running-build finished-build; do
  [ -s "$shots/$name.png" ] || { echo "readme-screenshots: the test passed but made no $name.png" >&2; exit 1; }
done
cp "$shots"/new-build.png "$shots"/running-build.png "$shots"/finished-build.png docs/screenshots/
echo "readme-screenshots: docs/screenshots/{new-build,running-build,finished-build}.png replaced" >&2
