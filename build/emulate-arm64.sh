#!/usr/bin/env bash
# Lets this x86_64 machine run arm64 programs (an arm64 root under chroot, `podman/docker build --platform
# linux/arm64`) through Debian's qemu-user-static and the kernel's binfmt_misc.
#   bash build/emulate-arm64.sh [STATE]        changes only what is missing (mounts binfmt_misc if nothing has,
#                                              enables qemu-aarch64 if disabled), says what it did, and with
#                                              STATE writes those changes into that file, one a line
#   bash build/emulate-arm64.sh --undo STATE   undoes exactly what STATE lists (nothing else), then removes it
# Idempotent; .ci/run enables with a state file and undoes it when the tests end.
set -euo pipefail
if [ "${1:-}" = --undo ]; then
  state=${2:?usage: emulate-arm64.sh --undo STATE}
  [ -e "$state" ] || exit 0
  if grep -qx enabled-qemu-aarch64 "$state"; then
    update-binfmts --disable qemu-aarch64 && echo "emulate-arm64: disabled qemu-aarch64 again"
  fi
  if grep -qx mounted-binfmt_misc "$state"; then
    umount /proc/sys/fs/binfmt_misc && echo "emulate-arm64: unmounted binfmt_misc again"
  fi
  rm -f "$state"
  exit 0
fi
state=${1:-/dev/null}
[ "$(uname -m)" = aarch64 ] && exit 0
command -v update-binfmts >/dev/null && [ -e /usr/share/binfmts/qemu-aarch64 ] ||
  { echo "emulate-arm64: install qemu-user-static and binfmt-support first" >&2; exit 2; }
if [ ! -e /proc/sys/fs/binfmt_misc/status ]; then
  mount -t binfmt_misc binfmt_misc /proc/sys/fs/binfmt_misc
  echo mounted-binfmt_misc >>"$state"
  echo "emulate-arm64: mounted binfmt_misc"
fi
if ! grep -qx enabled /proc/sys/fs/binfmt_misc/qemu-aarch64 2>/dev/null; then
  update-binfmts --enable qemu-aarch64
  echo enabled-qemu-aarch64 >>"$state"
  echo "emulate-arm64: enabled qemu-aarch64 ($(grep ^flags /proc/sys/fs/binfmt_misc/qemu-aarch64))"
fi
