#!/usr/bin/env bash
# Runs every test project and prints one closing line: "N passed, N failed".
set -uo pipefail
if [ "${1:-}" = "-h" ] || [ "${1:-}" = "--help" ]; then
  cat <<'USAGE'
usage: bash build/test.sh [SOLUTION|PROJECT] [dotnet test options]

Runs every test project of Kairos.Stages.sln (or the one solution or project given first) in Release with a trx log
and ends with "N passed, N failed, N skipped". Options go to dotnet test, e.g. the fast lane only:

  bash build/test.sh --filter "Lane!=Slow"

Slow tests carry the traits Lane=Slow and Slow=Boot|Engine|Chroot|Browser|Long (tests/Kairos.TestSupport/SlowAttribute.cs):
one kind alone with --filter "Slow=Boot". The arm64 lane's tests (emulated arm64 builds and boots) carry Arch=arm64
(tests/Kairos.TestSupport/Arm64LaneAttribute.cs); .ci/run runs them as processes of their own beside the rest:

  bash build/test.sh --no-build --filter "Arch!=arm64"
  KAIROS_STAGES_ARM64_BINARY=out/linux-arm64/kairos-stages bash build/test.sh tests/Kairos.Factory.Tests --no-build --filter "Arch=arm64"

The fast lane without this script:

  dotnet test Kairos.Stages.sln -c Release --filter "Lane!=Slow"
USAGE
  exit 0
fi
cd "$(dirname "$0")/.."
target=Kairos.Stages.sln
if [ -n "${1:-}" ] && [ "${1#-}" = "$1" ]; then target=$1; shift; fi
results=$(mktemp -d)
export KAIROS_STAGES_FIGURES="$results/figures.txt"
: >"$KAIROS_STAGES_FIGURES"
dotnet test "$target" -c Release --logger "trx;LogFilePrefix=r" --results-directory "$results" "$@"
status=$?
if [ -s "$KAIROS_STAGES_FIGURES" ]; then
  echo "== figures (suites that report cases tried and passed) =="
  cat "$KAIROS_STAGES_FIGURES"
fi
python3 - "$results" "$status" <<'PY'
import glob, sys, xml.etree.ElementTree as ET
ns = {"t": "http://microsoft.com/schemas/VisualStudio/TeamTest/2010"}
passed = failed = skipped = 0
for f in glob.glob(sys.argv[1] + "/*.trx"):
    c = ET.parse(f).getroot().find("t:ResultSummary/t:Counters", ns)
    if c is None:
        continue
    passed += int(c.get("passed", 0))
    failed += int(c.get("failed", 0)) + int(c.get("error", 0)) + int(c.get("timeout", 0)) + int(c.get("aborted", 0))
    skipped += int(c.get("total", 0)) - int(c.get("executed", 0))  # the trx logger leaves notExecuted at 0 for skipped tests
if int(sys.argv[2]) != 0 and failed == 0:
    failed = 1  # the runner failed without reporting a test failure (build error, crash)
print(f"{passed} passed, {failed} failed, {skipped} skipped")
PY
exit $status
