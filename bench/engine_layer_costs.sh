#!/usr/bin/env bash
# What a big layer costs each engine, apart from the work that made it (issue 30: why a cold Factory build is slower
# than the same work by hand). One tree of SOURCE (default /usr/lib/x86_64-linux-gnu, ~1.4 GB here) is the stand-in
# for a built Kairos root (~1.1 GB).
#   bash bench/engine_layer_costs.sh [SOURCE]          as root; podman needs nothing running, BuildKit needs a dockerd
#                                                     at DOCKER_HOST (Debian's /usr/bin/docker client is used)
# The BuildKit part prunes that daemon's whole build cache, before and after: give it a dockerd of its own.
# podman (private store): one RUN unpacks the tree into the image; prints the RUN's own time and the time from its end
#   to the new layer's ID (buildah committing the layer into the store).
# BuildKit: the tree is a stage (ADD); then, with the build cache cold for it, a RUN over that stage as its root, a RUN
#   in another stage that bind-mounts it (RUN --mount=type=bind,from=big: BuildKit hashes the content of every
#   input mount but the root before it runs the command), and the same mount again (the hash is kept per snapshot).
# Prints one line per figure, seconds; the trees and stores are removed at the end (KEEP_LOGS=DIR keeps the engines'
# logs there first).
set -euo pipefail
source=${1:-/usr/lib/x86_64-linux-gnu}
work=$(mktemp -d /var/tmp/ks-bench-layers-XXXXXX)
store=(--root "$work/store" --runroot "$work/run" --storage-driver overlay)
docker=/usr/bin/docker
cleanup() {
  if [ -n "${KEEP_LOGS:-}" ]; then cp "$work"/*.log "$KEEP_LOGS"/ 2>/dev/null || true; fi
  podman "${store[@]}" rmi --all --force >/dev/null 2>&1 || true
  umount -l "$work/store/overlay" 2>/dev/null || true
  if [ -n "${built_docker:-}" ]; then DOCKER_BUILDKIT=1 "$docker" builder prune -af >/dev/null 2>&1 || true; "$docker" image rm ks-bench-layers-tools:1 >/dev/null 2>&1 || true; fi
  rm -rf "$work"
}
trap cleanup EXIT
now() { date +%s.%N; }
secs() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.1f", a - b }'; }
mkdir -p "$work/ctx" "$work/tools/bin"
cp /bin/busybox "$work/tools/bin/" && ln -s busybox "$work/tools/bin/sh"
tar -C "$work/tools" -cf "$work/tools.tar" .
tar -C / -cf "$work/ctx/big.tar" "${source#/}" bin/busybox 2>/dev/null
echo "tree: $(du -sh "$work/ctx/big.tar" | cut -f1) in $(tar -tf "$work/ctx/big.tar" | wc -l) entries, from $source"

# podman: the RUN's output is printed with a timestamp per line; the commit is the time from its last line to the ID
podman "${store[@]}" import "$work/tools.tar" localhost/ks-bench-layers-tools:1 >/dev/null 2>&1
printf 'FROM localhost/ks-bench-layers-tools:1\nRUN ["/bin/busybox","sh","-c","mkdir /x && /bin/busybox tar -xf /in/big.tar -C /x && echo unpacked"]\n' >"$work/Containerfile"
sync
start=$(now)
podman "${store[@]}" build --isolation chroot --network host --layers --volume "$work/ctx:/in:ro" --file "$work/Containerfile" "$work" 2>&1 |
  while IFS= read -r line; do echo "$(now) $line"; done >"$work/podman.log"
unpacked=$(awk '/ unpacked$/ {print $1}' "$work/podman.log")
layer=$(awk '/ --> [0-9a-f]/ {t=$1} END {print t}' "$work/podman.log")
echo "podman $(podman --version | cut -d" " -f3): RUN $(secs "$unpacked" "$start") s, then the layer's commit $(secs "$layer" "$unpacked") s"

# BuildKit
if DOCKER_BUILDKIT=1 "$docker" version >/dev/null 2>&1; then
  built_docker=1
  "$docker" import "$work/tools.tar" ks-bench-layers-tools:1 >/dev/null
  cat >"$work/ctx/Dockerfile" <<'EOF'
FROM ks-bench-layers-tools:1 AS tools
FROM scratch AS big
ADD big.tar /
FROM big AS as-root
ARG N=0
RUN ["/bin/busybox","sh","-c","echo root $N"]
FROM tools AS mounted
ARG N=0
RUN --mount=type=bind,from=big,target=/rootfs ["/bin/busybox","sh","-c","echo mount $N"]
EOF
  DOCKER_BUILDKIT=1 "$docker" builder prune -af >/dev/null
  build() { local s; sync; s=$(now); DOCKER_BUILDKIT=1 "$docker" build --network host --progress plain --target "$1" --build-arg "N=$2" "$work/ctx" >"$work/docker-$1-$2.log" 2>&1; secs "$(now)" "$s"; }
  echo "BuildKit: the ADD stage (cold) $(build big 0) s"
  echo "BuildKit: RUN over it as the root $(build as-root 1) s"
  echo "BuildKit: RUN bind-mounting it, first time $(build mounted 1) s"
  echo "BuildKit: RUN bind-mounting it, again $(build mounted 2) s"
else
  echo "BuildKit: no dockerd at ${DOCKER_HOST:-the default socket}; skipped"
fi
