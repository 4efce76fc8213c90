#!/usr/bin/env bash
# Builds a real Kairos-ready Debian 12 root and validates it (needs root).
#   bash build/demo.sh [ROOT_DIR]   (as root)   default ./build-root
# Artifacts: ARTIFACTS_DIR=/path uses a directory made by 'kairos-stages artifacts fetch' (offline);
# without it, the pinned release URLs are downloaded when GitHub is reachable, and otherwise the
# test suite's stand-in artifacts are used — clearly not functional Kairos binaries, but enough to
# show every step work end to end.
set -euo pipefail
cd "$(dirname "$0")/.."
root=$(realpath -m "${1:-./build-root}")
bash build/install-deps.sh
bash build/publish.sh >/dev/null
bin=$(ls out/*/kairos-stages | head -n1)

if [ ! -x "$root/bin/sh" ]; then
  mkdir -p "$root"
  debootstrap --variant=minbase bookworm "$root"
fi

args=()
if [ -n "${ARTIFACTS_DIR:-}" ]; then
  args=(--artifacts-dir "$ARTIFACTS_DIR")
elif ! curl -fsS -m 5 -o /dev/null https://github.com; then
  stand_in=$(mktemp -d)
  echo "demo: GitHub is not reachable; using stand-in artifacts in $stand_in (NOT real Kairos binaries)" >&2
  "$bin" artifacts list --root "$root" --version 1.0.0 | python3 build/stand-in-artifacts.py "$stand_in"
  args=(--artifacts-dir "$stand_in")
fi

"$bin" run --root "$root" --stage install --version 1.0.0 "${args[@]}"
"$bin" run --root "$root" --stage init --version 1.0.0
"$bin" validate --root "$root"
