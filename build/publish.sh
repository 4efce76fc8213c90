#!/usr/bin/env bash
# The one way to build the release binary (CI and the Dockerfile both call this).
#   build/publish.sh [RID] [OUT]      RID defaults to this machine's (linux-x64, linux-arm64,
#                                     linux-musl-x64, linux-musl-arm64); OUT defaults to out/RID.
# NativeAOT, invariant globalization, stage files embedded, OpenSSL linked in (hashing and HTTPS
# use it, and minimal base images have no libssl). On musl RIDs the binary is fully static (runs
# in glibc and musl base images alike); on glibc RIDs it needs only libc and libm.
set -euo pipefail
cd "$(dirname "$0")/.."
arch=$(uname -m)
case "$arch" in x86_64) def=linux-x64 ;; aarch64) def=linux-arm64 ;; *) def=linux-$arch ;; esac
rid=${1:-$def}
out=${2:-out/$rid}
extra=(-p:StaticOpenSslLinking=true)
if [[ $rid == linux-musl-* ]]; then
  extra+=(-p:StaticExecutable=true)
else
  # Start-up: a position-dependent executable whose type data is stored ready to use. By default NativeAOT
  # stores it compressed ("dehydrated") and expands it into fresh memory at every start, which was half of
  # 'kairos-stages version' (10.6 → 4.7 ms: bench/run.py --baseline with 28ee052's binary, built without them; +1.2 MB). Without PIE the
  # loader has no relocations to apply and maps those pages lazily. The cost is ASLR for the executable image
  # (libraries, heap and stacks stay randomized); the tool is a short-lived build step. Not applied to the
  # static musl build, which could not be tried on this machine.
  extra+=(-p:IlcDehydrate=false -p:PositionIndependentExecutable=false)
fi
# Cross-compilation (say linux-arm64 on an x86_64 machine): the ILCompiler hands clang --target=<triple>, so
# clang links with the cross toolchain's crt files (Debian: gcc-aarch64-linux-gnu) and the target's libraries
# from the multiarch paths (libc6-dev, zlib1g-dev and libssl-dev for that architecture); stripping needs the
# target's objcopy. Measured: linux-arm64 built on x86_64 runs under qemu-aarch64 (binfmt), OpenSSL linked in.
case "$rid" in *-x64) target=x86_64 ;; *-arm64) target=aarch64 ;; *) target=$arch ;; esac
if [[ $target != "$arch" ]]; then
  triple=$target-linux-gnu
  [[ $rid == linux-musl-* ]] && { echo "publish.sh: cross-compiling $rid is not supported (no musl cross toolchain here)" >&2; exit 2; }
  command -v clang >/dev/null || { echo "publish.sh: cross-compiling $rid needs clang" >&2; exit 2; }
  command -v "$triple-objcopy" >/dev/null || { echo "publish.sh: cross-compiling $rid needs $triple-objcopy (binutils-$triple)" >&2; exit 2; }
  [ -d "/usr/lib/gcc-cross/$triple" ] || { echo "publish.sh: cross-compiling $rid needs gcc-$triple (crt files and libgcc)" >&2; exit 2; }
  for lib in libc.so libz.a libssl.a libcrypto.a; do
    [ -e "/usr/lib/$triple/$lib" ] || { echo "publish.sh: cross-compiling $rid needs /usr/lib/$triple/$lib (apt-get install libc6-dev:${rid#linux-} zlib1g-dev:${rid#linux-} libssl-dev:${rid#linux-} after dpkg --add-architecture ${rid#linux-})" >&2; exit 2; }
  done
  extra+=(-p:ObjCopyName="$triple-objcopy")
  # The ILCompiler builds its static OpenSSL shim with plain $CC (clang) and no target: CFLAGS carries it.
  export CFLAGS="--target=$triple ${CFLAGS:-}"
fi
dotnet publish src/Kairos.Stages.Cli/Kairos.Stages.Cli.csproj -c Release -r "$rid" \
  -p:PublishAot=true -p:InvariantGlobalization=true -p:DebugType=none -p:StripSymbols=true \
  "${extra[@]}" -o "$out"
ls -l "$out/kairos-stages"
