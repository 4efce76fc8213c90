#!/bin/sh
# TEST FIXTURE standing in for kairos-stages in the API tests (the real binary is exercised by the
# end-to-end test): prints its arguments, marks the root in `run`, checks the mark in `validate`.
echo "fixture kairos-stages $*"
root=""; previous=""
for argument in "$@"; do
  [ "$previous" = "--root" ] && root="$argument"
  previous="$argument"
done
case "$1" in
  run) mkdir -p "$root/etc" && echo "KAIROS_VERSION=fixture" > "$root/etc/kairos-release" ;;
  validate) test -f "$root/etc/kairos-release" || { echo "validate: /etc/kairos-release is missing" >&2; exit 1; } ;;
esac
