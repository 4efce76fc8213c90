#!/usr/bin/env bash
# Installs the system packages the build and the tests use (idempotent; needs root).
set -euo pipefail
need=()
for tool in debootstrap:debootstrap busybox:busybox-static curl:curl python3:python3 cpio:cpio zstd:zstd; do
  bin=${tool%%:*}; pkg=${tool##*:}
  command -v "$bin" >/dev/null 2>&1 || need+=("$pkg")
done
# busybox from busybox-static must be the static build: the chroot tests copy it into bare roots.
dpkg -s busybox-static >/dev/null 2>&1 || need+=(busybox-static)
# Boot-time tests: GRUB evaluates the shipped menus (grub-emu, grub-script-check, grub-editenv) on
# disk images built with mkfs.ext2/debugfs and mksquashfs.
for tool in grub-emu:grub-emu grub-script-check:grub-common grub-editenv:grub-common mkfs.ext2:e2fsprogs debugfs:e2fsprogs mksquashfs:squashfs-tools; do
  bin=${tool%%:*}; pkg=${tool##*:}
  command -v "$bin" >/dev/null 2>&1 || need+=("$pkg")
done
# NativeAOT (build/publish.sh) links with the system C toolchain and zlib.
command -v clang >/dev/null 2>&1 || command -v gcc >/dev/null 2>&1 || need+=(clang)
dpkg -s zlib1g-dev >/dev/null 2>&1 || need+=(zlib1g-dev)
dpkg -s libssl-dev >/dev/null 2>&1 || need+=(libssl-dev)  # build/publish.sh links OpenSSL statically
if ((${#need[@]})); then
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq
  apt-get install -y -qq --no-install-recommends "${need[@]}"
fi
command -v dotnet >/dev/null || { echo "install-deps: the .NET 10 SDK (dotnet) is required" >&2; exit 1; }
