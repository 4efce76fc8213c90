#!/usr/bin/env bash
# Lets this x86_64 machine run arm64 programs (an arm64 root under chroot, `podman/docker build --platform
# linux/arm64`) through Debian's qemu-user-static and the kernel's binfmt_misc. Idempotent; it changes only
# what is missing (mounts binfmt_misc if nothing has, enables qemu-aarch64 if disabled) and says what it did.
set -euo pipefail
[ "$(uname -m)" = aarch64 ] && exit 0
command -v update-binfmts >/dev/null && [ -e /usr/share/binfmts/qemu-aarch64 ] ||
  { echo "emulate-arm64: install qemu-user-static and binfmt-support first" >&2; exit 2; }
if [ ! -e /proc/sys/fs/binfmt_misc/status ]; then
  mount -t binfmt_misc binfmt_misc /proc/sys/fs/binfmt_misc
  echo "emulate-arm64: mounted binfmt_misc"
fi
if ! grep -qx enabled /proc/sys/fs/binfmt_misc/qemu-aarch64 2>/dev/null; then
  update-binfmts --enable qemu-aarch64
  echo "emulate-arm64: enabled qemu-aarch64 ($(grep ^flags /proc/sys/fs/binfmt_misc/qemu-aarch64))"
fi
