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
# build-iso (issue 17) and its live boot test: the ISO tools, the host GRUB images, OCI unpacking, QEMU and
# its firmwares; the podman tests build the example Dockerfiles (runc: crun cannot set this host's rlimits).
# These install with their recommends (QEMU's NIC option ROMs, podman's conmon/network helpers), as on a
# developer's machine where they were measured. chromium: the Factory page's browser tests (Playwright drives
# Debian's chromium; no browser download). build-disk's tests read the disks back with sfdisk (fdisk) and
# qemu-img (qemu-utils); ipxe-qemu is the netboot test's iPXE.
full=()
for pkg in xorriso squashfs-tools mtools dosfstools grub-common grub-pc-bin grub-efi-amd64-bin umoci skopeo \
  podman buildah runc qemu-system-x86 ovmf seabios ipxe-qemu chromium fdisk qemu-utils; do
  dpkg -s "$pkg" >/dev/null 2>&1 || full+=("$pkg")
done
if ((${#need[@]})); then
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq
  apt-get install -y -qq --no-install-recommends "${need[@]}"
fi
if ((${#full[@]})); then
  export DEBIAN_FRONTEND=noninteractive
  ((${#need[@]})) || apt-get update -qq
  apt-get install -y -qq "${full[@]}"
fi
# Kairos Factory: podman (above) builds images; @redocly/cli lints its OpenAPI document.
command -v npm >/dev/null 2>&1 || { export DEBIAN_FRONTEND=noninteractive; apt-get update -qq; apt-get install -y -qq --no-install-recommends npm; }
[ -x /opt/redocly/node_modules/.bin/redocly ] || npm install --silent --prefix /opt/redocly @redocly/cli@2.77.0
command -v dotnet >/dev/null || { echo "install-deps: the .NET 10 SDK (dotnet) is required" >&2; exit 1; }
