#!/bin/sh
# TEST FIXTURE standing in for kairos-stages: like stages-ok.sh, and its install leaves an immutable
# file in the build's root, which the server's clean-up cannot delete.
root=""; previous=""
for argument in "$@"; do
  [ "$previous" = "--root" ] && root="$argument"
  previous="$argument"
done
case "$1" in
  run) mkdir -p "$root/etc" && echo "KAIROS_VERSION=fixture" > "$root/etc/kairos-release"
       [ -e "$root/pinned" ] || { : > "$root/pinned" && chattr +i "$root/pinned"; } ;;
esac
