#!/usr/bin/env bash
# TEST FIXTURE, never shipped: stands in for the kairos-stages binary so the browser tests can run the
# real Factory server, store, workers, chroot builder and tar steps in seconds. What it does is data in
# the fixture root it is run on (ROOT/fixture.conf, written by FixtureImage.cs):
#   lines=N        lines printed per stage (default 3)
#   delay=S        seconds between those lines (default 0)
#   fail_at=STAGE  exit 1 at that stage, after its lines
#   hang_at=STAGE  sleep until killed at that stage (the cancel test)
# Its init writes a kairos-release as the real one does (flavor "fixture", the --version and --model given):
# the server names the artifacts from it.
set -euo pipefail
command=${1:?fixture-kairos-stages: no command}
shift
stage=$command root= version= model=generic
while (($#)); do
  case $1 in
    --stage) stage=$2; shift 2 ;;
    --root) root=$2; shift 2 ;;
    --version) version=$2; shift 2 ;;
    --model) model=$2; shift 2 ;;
    *) shift ;;
  esac
done
conf=$root/fixture.conf
setting() { sed -n "s/^$1=//p" "$conf" 2>/dev/null | head -n1; }
lines=$(setting lines); lines=${lines:-3}
delay=$(setting delay); delay=${delay:-0}
for ((i = 1; i <= lines; i++)); do
  echo "fixture $stage line $i of $lines"
  [ "$delay" = 0 ] || sleep "$delay"
done
if [ "$(setting hang_at)" = "$stage" ]; then
  echo "fixture $stage: waiting until cancelled"
  exec sleep 3600
fi
if [ "$(setting fail_at)" = "$stage" ]; then
  echo "fixture $stage: E: Unable to locate package kairos-fixture-missing" >&2
  exit 1
fi
echo "fixture $stage done"
if [ "$command" = run ] && [ "$stage" = init ]; then
  mkdir -p "$root/etc"
  printf 'KAIROS_FLAVOR=fixture\nKAIROS_FLAVOR_RELEASE=1\nKAIROS_VARIANT=core\nKAIROS_MODEL=%s\nKAIROS_VERSION=%s\n' "$model" "$version" > "$root/etc/kairos-release"
fi
