#!/usr/bin/env bash
# Installs the Debian packages one purpose needs, and nothing more (idempotent; needs root):
#   bash build/install-deps.sh main      the main job (build/demo.sh): debootstrap, and what build/publish.sh links
#   bash build/install-deps.sh factory   main + the Factory (build/factory.sh): its engine and the media tools it runs
#   bash build/install-deps.sh media     the media tools alone (the Factory image, src/Kairos.Factory/Dockerfile)
#   bash build/install-deps.sh tests     everything (.ci/run): factory + what the test suite drives; the default
#   bash build/install-deps.sh --list media     prints a purpose's packages, one a line, installing nothing (the
#                                               Factory's tools image installs the media list with it)
# Adding a package is one line in the list of the purpose that uses it, saying what uses it.
set -euo pipefail

# The main job: make a Debian root, publish the NativeAOT binary, build and validate the image.
main=(
  debootstrap     # build/demo.sh makes its Debian 12 root with it
  clang           # build/publish.sh: NativeAOT links with the system C toolchain
  zlib1g-dev      # ... and zlib
  libssl-dev      # ... and OpenSSL, statically (hashing and HTTPS; minimal bases have no libssl)
  cmake make      # ... whose shim (System.Security.Cryptography.Native) the ILCompiler builds here with cmake and make
  curl            # demo.sh/factory.sh ask whether GitHub is reachable before downloading the release artifacts
  ca-certificates # HTTPS for curl, NuGet and the artifact downloads
  python3         # build/stand-in-artifacts.py, when GitHub is not reachable
)
# The Factory: the engine its default builder runs, and the tools of build-iso, build-uki, genkey and build-disk.
factory=(
  podman             # the default builder (podman build --isolation chroot; base images from its local store)
)
# The media tools the Factory runs on its server (also all the Factory image installs beside libssl3).
media=(
  skopeo umoci       # build-iso/build-disk from an OCI archive or a podman image: copied to an OCI layout, unpacked
  xorriso            # the ISO image
  squashfs-tools     # rootfs.squashfs
  mtools dosfstools  # the FAT EFI images (mkfs.vfat, mcopy)
  grub-common grub-pc-bin grub-efi-amd64-bin # BIOS and EFI GRUB images made with the host's GRUB (grub-mkimage)
  systemd-boot-efi   # build-uki: the systemd stub and boot loader
  sbsigntool efitools # build-uki/genkey: Secure Boot signing and key lists
  openssl            # genkey: the Secure Boot keys and certificates
  qemu-utils         # build-disk: qemu-img writes and reads the VHD (the image tools only, no emulator)
  fdisk              # build-disk's tests read the partition table back with sfdisk
  busybox-static     # build-disk --format maas copies its static busybox into COS_CURTIN; the chroot and boot-time tests' bare roots
  binutils           # build-uki: objcopy adds the UKI's sections to the systemd stub
  libtss2-esys-3.0.2-0 libtss2-mu0 libtss2-rc0 # build-uki: systemd-measure calculate loads the TPM libraries
  systemd            # build-uki: systemd-measure (a full host has it; the tools image's minimal base does not)
  cpio zstd          # build-uki: the UKI's initrd (cpio newc, compressed with zstd)
)
# The tests: what the suite drives beyond the Factory. Installed with their recommends (QEMU's NIC option ROMs,
# podman's network helpers), as on the developer machines where the suite was measured.
tests=(
  grub-emu                   # GRUB evaluates the shipped menus (grub-emu, grub-script-check, grub-editenv)
  e2fsprogs                  # ... on disk images made with mkfs.ext2 and debugfs
  buildah runc               # the example Dockerfiles built by podman (runc: crun cannot set this host's rlimits)
  qemu-system-x86 ovmf seabios ipxe-qemu # live ISO boots under real firmware
  swtpm swtpm-tools          # a TPM for the Trusted Boot boots
  libtss2-tcti-swtpm0        # the .pcrsig test runs systemd-measure sign against swtpm
  qemu-user-static binfmt-support # arm64 roots run on this amd64 machine
  gcc-aarch64-linux-gnu binutils-aarch64-linux-gnu # build/publish.sh linux-arm64: the cross crt files, libgcc and objcopy
  libc6-dev:arm64 zlib1g-dev:arm64 libssl-dev:arm64 # ... and the arm64 libraries it links (after dpkg --add-architecture arm64)
  qemu-system-arm qemu-efi-aarch64 # the arm64 ISO boots under qemu-system-aarch64 with AAVMF
  docker.io docker-registry  # the buildx builder and a local registry
  iproute2                   # .ci/run gives its dockerd a bridge (ip link), for the documents' docker run -p
  chromium                   # the Factory page's browser tests (Playwright drives Debian's chromium; no download)
  rsync                      # bench/build_iso.sh and bench/build_disk.sh: the naive AuroraBoot-style pipelines copy roots with it
)

list=false
if [ "${1:-}" = --list ]; then list=true; shift; fi
purpose=${1:-tests}
case "$purpose" in
  main) want=("${main[@]}") why="the main job: debootstrap and the NativeAOT toolchain build/publish.sh links with" ;;
  factory) want=("${main[@]}" "${factory[@]}" "${media[@]}") why="the Factory: the main job's packages, podman and the image tools (ISO, UKI, disk)" ;;
  media) want=("${media[@]}") why="the Factory image: the image tools (ISO, UKI, disk) its server runs" ;;
  tests) want=("${main[@]}" "${factory[@]}" "${media[@]}" "${tests[@]}") why="the tests: everything, QEMU, chromium and docker included" ;;
  -h | --help) sed -n '2,9p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
  *) echo "install-deps: unknown purpose '$purpose' (main, factory, media or tests)" >&2; exit 2 ;;
esac

if $list; then
  printf '%s\n' "${want[@]}"
  exit 0
fi

# The .NET 10 SDK is the one prerequisite apt does not provide: say so before installing anything.
[ "$purpose" = media ] || command -v dotnet >/dev/null || { echo "install-deps: the .NET 10 SDK (dotnet) is required: https://learn.microsoft.com/dotnet/core/install/linux-debian" >&2; exit 1; }
[ "$(id -u)" = 0 ] || { echo "install-deps: apt needs root (run as root, or with sudo)" >&2; exit 1; }

missing=()
for pkg in "${want[@]}"; do
  dpkg-query -W -f='${Status}\n' "$pkg" 2>/dev/null | grep -qx 'install ok installed' || missing+=("$pkg")
done
if ((${#missing[@]})); then
  echo "install-deps $purpose: installing ${missing[*]} ($why)" >&2
  export DEBIAN_FRONTEND=noninteractive
  # packages of another architecture (name:arch) need dpkg to know it: added once, only when absent
  for foreign in $(printf '%s\n' "${missing[@]}" | sed -n 's/^[^:]*:\([a-z0-9]*\)$/\1/p' | sort -u); do
    if [ "$foreign" != "$(dpkg --print-architecture)" ] && ! dpkg --print-foreign-architectures | grep -qx "$foreign"; then
      echo "install-deps $purpose: dpkg --add-architecture $foreign" >&2
      dpkg --add-architecture "$foreign"
    fi
  done
  recommends=--no-install-recommends
  [ "$purpose" = tests ] && recommends=--install-recommends
  apt-get -o DPkg::Lock::Timeout=900 update -qq
  apt-get -o DPkg::Lock::Timeout=900 install -y -qq "$recommends" "${missing[@]}"
else
  echo "install-deps $purpose: all ${#want[@]} packages present ($why)" >&2
fi

# The tests also lint the Factory's OpenAPI document with @redocly/cli, from npm (any npm on PATH will do: a
# NodeSource nodejs bundles its own and conflicts with Debian's npm package).
if [ "$purpose" = tests ] && [ ! -x /opt/redocly/node_modules/.bin/redocly ]; then
  echo "install-deps tests: installing @redocly/cli with npm into /opt/redocly (the OpenAPI lint test)" >&2
  if ! command -v npm >/dev/null; then
    export DEBIAN_FRONTEND=noninteractive
    apt-get -o DPkg::Lock::Timeout=900 update -qq
    apt-get -o DPkg::Lock::Timeout=900 install -y -qq --no-install-recommends npm
  fi
  npm install --silent --prefix /opt/redocly @redocly/cli@2.77.0
fi
