#!/usr/bin/env bash
# The Kairos Factory on a fresh machine, one command (needs root: podman's build store):
#   bash build/factory.sh [serve flags...]      e.g. --listen 127.0.0.1:8080 --data-dir ./factory-data
# Installs what the Factory's builds use (build/install-deps.sh factory: podman and the image tools; no emulator or
# browser), publishes kairos-stages (build/publish.sh), then runs
# 'kairos-factory serve' with it. Artifacts: ARTIFACTS_DIR=/path serves builds offline from a directory made by
# 'kairos-stages artifacts fetch'; without it the pinned release URLs are downloaded by each build, and when GitHub
# is not reachable the test suite's stand-in artifacts are used instead, with a warning: they are NOT real Kairos
# binaries, only enough to see every step of a build work.
set -euo pipefail
cd "$(dirname "$0")/.."
bash build/install-deps.sh factory
mkdir -p out
if ! bash build/publish.sh >out/publish.log 2>&1; then
  tail -n 30 out/publish.log >&2
  echo "factory: publishing kairos-stages failed (the whole output: out/publish.log)" >&2
  exit 1
fi
bin=$(realpath "$(ls out/*/kairos-stages | head -n1)")

args=(--kairos-stages "$bin")
if [ -n "${ARTIFACTS_DIR:-}" ]; then
  args+=(--artifacts-dir "$ARTIFACTS_DIR")
elif ! curl -fsS -m 5 -o /dev/null https://github.com; then
  # under out/ (made again each start), not a temp dir: the server is exec'd, so nothing would remove one
  stand_in=$(realpath -m out/stand-in-artifacts)
  rm -rf "$stand_in" && mkdir -p "$stand_in"
  echo "factory: GitHub is not reachable; builds use stand-in artifacts from $stand_in (NOT real Kairos binaries)" >&2
  for arch in amd64 arm64; do
    "$bin" artifacts list --all --arch "$arch" --version 1.0.0
  done | sort -u | python3 build/stand-in-artifacts.py "$stand_in"
  args+=(--artifacts-dir "$stand_in")
fi

dotnet build src/Kairos.Factory -c Release -warnaserror --nologo -v quiet
exec dotnet src/Kairos.Factory/bin/Release/net10.0/kairos-factory.dll serve "${args[@]}" "$@"
