#!/bin/sh
# TEST FIXTURE standing in for kairos-stages in the API tests (the real binary is exercised by the
# end-to-end test): prints its arguments, writes a kairos-release in `run` (as the real init does,
# from --version and --model; the flavor is the fixture's), checks it in `validate`.
echo "fixture kairos-stages $*"
root=""; version=""; model="generic"; previous=""
for argument in "$@"; do
  [ "$previous" = "--root" ] && root="$argument"
  [ "$previous" = "--version" ] && version="$argument"
  [ "$previous" = "--model" ] && model="$argument"
  previous="$argument"
done
# the architecture it ran on, as the real init writes it (this fixture runs natively: the host's)
case "$(uname -m)" in x86_64) arch=amd64 ;; aarch64) arch=arm64 ;; *) arch=$(uname -m) ;; esac
case "$1" in
  run) mkdir -p "$root/etc" && printf 'KAIROS_FLAVOR=fixture\nKAIROS_FLAVOR_RELEASE=1\nKAIROS_VARIANT=core\nKAIROS_MODEL=%s\nKAIROS_VERSION=%s\nKAIROS_FIXTURE=built\nKAIROS_ARCH=%s\n' "$model" "$version" "$arch" > "$root/etc/kairos-release" ;;
  validate) test -f "$root/etc/kairos-release" || { echo "validate: /etc/kairos-release is missing" >&2; exit 1; } ;;
esac
