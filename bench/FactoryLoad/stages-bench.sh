#!/bin/sh
# BENCH FIXTURE standing in for kairos-stages (the Factory tests' stages-ok.sh, plus a slow mode):
# prints its arguments, marks the root in `run`, checks the mark in `validate`. With --version
# 2.0.0, `run` writes a log line every half second for 20 s, so the bench's log followers have
# live builds to follow; every other version finishes at once (the 1,000 seeded builds).
echo "fixture kairos-stages $*"
root=""; previous=""; version=""
for argument in "$@"; do
  [ "$previous" = "--root" ] && root="$argument"
  [ "$previous" = "--version" ] && version="$argument"
  previous="$argument"
done
case "$1" in
  run)
    if [ "$version" = "2.0.0" ]; then
      i=0
      while [ $i -lt 40 ]; do i=$((i + 1)); echo "fixture step $i of 40"; sleep 0.5; done
    fi
    mkdir -p "$root/etc" && echo "KAIROS_VERSION=fixture" > "$root/etc/kairos-release" ;;
  validate) test -f "$root/etc/kairos-release" || { echo "validate: /etc/kairos-release is missing" >&2; exit 1; } ;;
esac
