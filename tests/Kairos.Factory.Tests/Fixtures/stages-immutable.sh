#!/bin/sh
# TEST FIXTURE standing in for kairos-stages: like stages-ok.sh, and its install leaves an immutable
# file in the build's root, which the server's clean-up cannot delete.
root=""; previous=""
for argument in "$@"; do
  [ "$previous" = "--root" ] && root="$argument"
  previous="$argument"
done
case "$1" in
  run) mkdir -p "$root/etc" && printf 'KAIROS_FLAVOR=fixture\nKAIROS_FLAVOR_RELEASE=1\nKAIROS_VARIANT=core\nKAIROS_MODEL=generic\nKAIROS_VERSION=v1.0.0\n' > "$root/etc/kairos-release"
       [ -e "$root/pinned" ] || { : > "$root/pinned" && chattr +i "$root/pinned"; } ;;
esac
