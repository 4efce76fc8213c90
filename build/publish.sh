#!/usr/bin/env bash
# The one way to build the release binary (CI and the Dockerfile both call this).
#   build/publish.sh [RID] [OUT]      RID defaults to this machine's (linux-x64, linux-arm64,
#                                     linux-musl-x64, linux-musl-arm64); OUT defaults to out/RID.
# NativeAOT, invariant globalization, stage files embedded. On musl RIDs the binary is fully
# static (runs in glibc and musl base images alike).
set -euo pipefail
cd "$(dirname "$0")/.."
arch=$(uname -m)
case "$arch" in x86_64) def=linux-x64 ;; aarch64) def=linux-arm64 ;; *) def=linux-$arch ;; esac
rid=${1:-$def}
out=${2:-out/$rid}
extra=()
if [[ $rid == linux-musl-* ]]; then
  extra+=(-p:StaticExecutable=true -p:StaticOpenSslLinking=true)
fi
dotnet publish src/Kairos.Stages.Cli/Kairos.Stages.Cli.csproj -c Release -r "$rid" \
  -p:PublishAot=true -p:InvariantGlobalization=true -p:DebugType=none -p:StripSymbols=true \
  "${extra[@]}" -o "$out"
ls -l "$out/kairos-stages"
