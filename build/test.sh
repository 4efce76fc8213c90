#!/usr/bin/env bash
# Runs every test project and prints one closing line: "N passed, N failed".
set -uo pipefail
if [ "${1:-}" = "-h" ] || [ "${1:-}" = "--help" ]; then
  cat <<'USAGE'
usage: bash build/test.sh [dotnet test options]

Runs every test project of Kairos.Stages.sln (Release) with a trx log and ends with "N passed, N failed, N skipped".
With no options it runs every lane, as .ci/run does. Options go to dotnet test, e.g. the fast lane only:

  bash build/test.sh --filter "Lane!=Slow"

Slow tests carry the traits Lane=Slow and Slow=Boot|Engine|Chroot|Browser|Long (tests/Kairos.TestSupport/SlowAttribute.cs):
one kind alone with --filter "Slow=Boot". The fast lane without this script:

  dotnet test Kairos.Stages.sln -c Release --filter "Lane!=Slow"
USAGE
  exit 0
fi
cd "$(dirname "$0")/.."
results=$(mktemp -d)
export KAIROS_STAGES_FIGURES="$results/figures.txt"
: >"$KAIROS_STAGES_FIGURES"
dotnet test Kairos.Stages.sln -c Release --logger "trx;LogFilePrefix=r" --results-directory "$results" "$@"
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
    skipped += int(c.get("notExecuted", 0))
if int(sys.argv[2]) != 0 and failed == 0:
    failed = 1  # the runner failed without reporting a test failure (build error, crash)
print(f"{passed} passed, {failed} failed, {skipped} skipped")
PY
exit $status
