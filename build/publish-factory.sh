#!/usr/bin/env bash
# Publishes kairos-factory for the Factory's container image (src/Kairos.Factory/Dockerfile):
#   build/publish-factory.sh [RID] [OUT]     RID defaults to linux-x64; the server lands in OUT/factory (OUT defaults to out/RID).
# A self-contained .NET publish, not NativeAOT: the server's JSON and OpenAPI code use reflection, which NativeAOT
# refuses (IL2026/IL3050). It needs glibc and, at run time, libssl3 (random tokens and sha256 go through OpenSSL);
# the image installs it. kairos-stages itself comes from build/publish.sh (NativeAOT) into the same OUT.
set -euo pipefail
cd "$(dirname "$0")/.."
rid=${1:-linux-x64}
out=${2:-out/$rid}
dotnet publish src/Kairos.Factory/Kairos.Factory.csproj -c Release -r "$rid" --self-contained \
  -p:InvariantGlobalization=true -p:DebugType=none -o "$out/factory"
ls -l "$out/factory/kairos-factory"
