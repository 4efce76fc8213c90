#!/usr/bin/env python3
"""Benchmarks for kairos-stages: prints a table and writes bench/results.json.

    python3 bench/run.py [--binary out/linux-x64/kairos-stages] [--runs 10] [--full]

Scenarios (all through the published NativeAOT binary, each a median of --runs runs, with the
peak RSS of each run taken from wait4):
  start           kairos-stages version
  lint-N          lint N generated extension files (N = 1, 100, 1000)
  plan-N          plan --stage all with the bundled stages and N generated extension files (N = 0, 100, 1000,
                  2000: 1000 and 2000 show whether the cost grows linearly with the number of files)
--full adds the full Debian build against the naive apt + dracut baseline (needs root,
debootstrap and a few GiB of disk; see bench/full_build.sh).
"""
import argparse, json, os, pathlib, statistics, subprocess, sys, tempfile, time

ROOT = pathlib.Path(__file__).resolve().parent.parent

EXTENSION = """name: bench-{i}
stages:
  after-install:
    - name: step-{i}-a
      only_os: "Debian.*"
      files:
        - path: /etc/bench/{i}.conf
          permissions: 0644
          owner: 0
          group: 0
          content: |
            value={i}
  init:
    - name: step-{i}-b
      if: "[ -d /etc ]"
      commands:
        - echo {i}
"""

OS_RELEASE = """PRETTY_NAME="Debian GNU/Linux 12 (bookworm)"
NAME="Debian GNU/Linux"
VERSION_ID="12"
VERSION="12 (bookworm)"
VERSION_CODENAME=bookworm
ID=debian
"""


def measure(cmd, runs, env=None):
    times, rss = [], []
    for _ in range(runs):
        start = time.perf_counter()
        proc = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, env=env)
        _, status, usage = os.wait4(proc.pid, 0)
        elapsed = time.perf_counter() - start
        err = proc.stderr.read().decode(errors="replace")
        proc.stderr.close()
        code = os.waitstatus_to_exitcode(status)
        if code not in (0, 1):
            sys.exit(f"benchmark command failed ({code}): {' '.join(cmd)}\n{err}")
        times.append(elapsed * 1000)
        rss.append(usage.ru_maxrss / 1024)
    return {"median_ms": round(statistics.median(times), 2), "min_ms": round(min(times), 2),
            "max_ms": round(max(times), 2), "peak_rss_mb": round(max(rss), 1), "runs": runs}


def generate(directory, n):
    directory.mkdir(parents=True, exist_ok=True)
    for i in range(n):
        (directory / f"{i:05d}-bench.yaml").write_text(EXTENSION.format(i=i))


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--binary", default=str(ROOT / "out/linux-x64/kairos-stages"))
    parser.add_argument("--runs", type=int, default=10)
    parser.add_argument("--full", action="store_true")
    args = parser.parse_args()
    binary = args.binary
    if not os.access(binary, os.X_OK):
        sys.exit(f"{binary} not found: run build/publish.sh first")

    results = {}
    with tempfile.TemporaryDirectory() as tmp:
        tmp = pathlib.Path(tmp)
        os_release = tmp / "os-release"
        os_release.write_text(OS_RELEASE)
        results["start"] = measure([binary, "version"], args.runs)
        for n in (0, 1, 100, 1000, 2000):
            ext = tmp / f"ext-{n}"
            generate(ext, n)
            if n in (1, 100, 1000):
                results[f"lint-{n}"] = measure([binary, "lint", str(ext)], args.runs)
            if n != 1:
                results[f"plan-{n}"] = measure([binary, "plan", "--stage", "all", "--os-release", str(os_release),
                                                "--version", "1.0.0", "--extensions-dir", str(ext), "--format", "json"], args.runs)

    if args.full:
        out = subprocess.run(["bash", str(ROOT / "bench/full_build.sh"), binary], check=True,
                             capture_output=True, text=True).stdout
        results["full_build"] = json.loads(out.strip().splitlines()[-1])

    print(f"{'scenario':<12} {'median ms':>10} {'min ms':>9} {'max ms':>9} {'peak RSS MB':>12}")
    for name, r in results.items():
        if "median_ms" in r:
            print(f"{name:<12} {r['median_ms']:>10} {r['min_ms']:>9} {r['max_ms']:>9} {r['peak_rss_mb']:>12}")
    if "full_build" in results:
        print(json.dumps(results["full_build"], indent=2))
    (ROOT / "bench/results.json").write_text(json.dumps(results, indent=2) + "\n")


if __name__ == "__main__":
    main()
