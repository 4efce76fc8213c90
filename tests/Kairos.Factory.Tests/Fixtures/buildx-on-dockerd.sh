#!/bin/sh
# TEST FIXTURE standing in for a docker client with the buildx plugin and a remote builder (none here: Debian's
# client has no buildx plugin, and no registry serves moby/buildkit): takes the Factory's
# 'buildx build --builder NAME ARGS...' and builds ARGS unchanged with dockerd's BuildKit (DOCKER_HOST), which reads
# the same Dockerfile, targets, secrets and local/tar exporters a remote BuildKit does. Its RUN steps get the host's
# network, as the Factory's own dockerd builds do (this dockerd has no bridge DNS); a remote builder has its own.
set -eu
if [ "$#" -lt 4 ] || [ "$1" != buildx ] || [ "$2" != build ] || [ "$3" != --builder ]; then
  echo "buildx-on-dockerd: only 'buildx build --builder NAME ...' is stood in for, not: $*" >&2
  exit 2
fi
shift 4
DOCKER_BUILDKIT=1 exec /usr/bin/docker build --progress plain --network host "$@"
