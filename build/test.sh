#!/usr/bin/env bash
# Runs every test project and prints one closing line: "N passed, N failed".
set -uo pipefail
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
