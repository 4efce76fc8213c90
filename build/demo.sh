#!/usr/bin/env bash
# Builds a real Kairos-ready Debian 12 root and validates it.
#   bash build/demo.sh [ROOT_DIR]        as root; ROOT_DIR defaults to ./build-root
# Steps: installs the main job's packages (build/install-deps.sh main: debootstrap and the NativeAOT toolchain;
# no QEMU, browser, container engine or npm), publishes kairos-stages (build/publish.sh), debootstraps Debian 12
# (bookworm, minbase) into ROOT_DIR unless it already holds a root, runs the install and init stages, validates.
# Needs the .NET 10 SDK (dotnet) and network access to the Debian mirror and NuGet.
# Artifacts: ARTIFACTS_DIR=/path uses a directory made by 'kairos-stages artifacts fetch' (offline);
# without it, the pinned release URLs are downloaded when GitHub is reachable, and otherwise the
# test suite's stand-in artifacts are used — clearly not functional Kairos binaries, but enough to
# show every step work end to end.
set -euo pipefail

case "${1:-}" in
  -h | --help) sed -n '2,11p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
  -*) echo "demo: unknown option '$1' (bash build/demo.sh --help)" >&2; exit 2 ;;
esac
if (($# > 1)); then
  echo "demo: one root directory at most, got $# arguments (bash build/demo.sh --help)" >&2
  exit 2
fi
if [ "$(id -u)" != 0 ]; then
  echo "demo: needs root (apt, debootstrap and chroot): run it as root, or 'sudo bash build/demo.sh ${1:-}'" >&2
  exit 1
fi

cd "$(dirname "$0")/.."
root=$(realpath -m "${1:-./build-root}")
started=$SECONDS
step_started=$SECONDS
# One line per step on stderr, with the time the previous one took.
step() {
  echo "demo: $1" >&2
  step_started=$SECONDS
}
took() {
  echo "demo: $1 took $((SECONDS - step_started)) s" >&2
}

step "installing the main job's packages (build/install-deps.sh main)"
bash build/install-deps.sh main
took "installing packages"

step "publishing kairos-stages (build/publish.sh: NativeAOT; the first run restores from NuGet)"
mkdir -p out
if ! bash build/publish.sh >out/publish.log 2>&1; then
  tail -n 30 out/publish.log >&2
  echo "demo: publishing failed (the whole output: out/publish.log)" >&2
  exit 1
fi
bin=$(ls out/*/kairos-stages | head -n1)
took "publishing"

if [ ! -x "$root/bin/sh" ]; then
  step "debootstrapping Debian 12 (bookworm, minbase) into $root"
  mkdir -p "$root"
  debootstrap --variant=minbase bookworm "$root"
  took "debootstrap"
fi

args=()
if [ -n "${ARTIFACTS_DIR:-}" ]; then
  args=(--artifacts-dir "$ARTIFACTS_DIR")
elif ! curl -fsS -m 5 -o /dev/null https://github.com; then
  stand_in=$(mktemp -d)
  trap 'rm -rf "$stand_in"' EXIT
  echo "demo: GitHub is not reachable; using stand-in artifacts in $stand_in (NOT real Kairos binaries)" >&2
  "$bin" artifacts list --root "$root" --version 1.0.0 | python3 build/stand-in-artifacts.py "$stand_in"
  args=(--artifacts-dir "$stand_in")
fi

step "building: kairos-stages run --stage install, then --stage init"
"$bin" run --root "$root" --stage install --version 1.0.0 "${args[@]}"
"$bin" run --root "$root" --stage init --version 1.0.0
took "the install and init stages"

step "validating: kairos-stages validate"
"$bin" validate --root "$root"
took "validating"
echo "demo: done in $((SECONDS - started)) s: $root is a Kairos-ready Debian 12 root" >&2
