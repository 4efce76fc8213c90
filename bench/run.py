#!/usr/bin/env python3
"""Benchmarks for kairos-stages: prints a table and writes bench/results.json.

    python3 bench/run.py [--binary out/linux-x64/kairos-stages] [--runs 10] [--baseline OTHER] [--full]

Scenarios (all through the published NativeAOT binary, each a median of --runs runs, with the
CPU time and peak RSS of each run taken from wait4):
  start           kairos-stages version
  lint-N          lint N generated extension files (N = 1, 100, 1000)
  plan-N          plan --stage all with the bundled stages and N generated extension files (N = 0, 100, 1000,
                  2000: 1000 and 2000 show whether the cost grows linearly with the number of files)
  plan-0-1core    plan-0 with DOTNET_PROCESSOR_COUNT=1: files are rendered and checked on one thread
--baseline OTHER  also runs every scenario with another binary (e.g. one published from an older commit),
                  alternating run by run with --binary, so both see the same machine load; prints the ratio.
                  Timings on shared machines drift by tens of percent within minutes: compare only
                  figures from one invocation.
--full adds the full Debian build against the naive apt + dracut baseline (needs root,
debootstrap and a few GiB of disk; see bench/full_build.sh).
--factory-cache adds issue 30's cache bench (bench/factory_cache.py): through a real Factory server, a second build
of the same base changing only the version against the first, on podman and on dockerd's BuildKit (DOCKER_HOST);
the target is a ratio <= 0.35.
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


def run_once(cmd, env):
    start = time.perf_counter()
    proc = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, env=env)
    _, status, usage = os.wait4(proc.pid, 0)
    elapsed = time.perf_counter() - start
    err = proc.stderr.read().decode(errors="replace")
    proc.stderr.close()
    code = os.waitstatus_to_exitcode(status)
    if code not in (0, 1):
        sys.exit(f"benchmark command failed ({code}): {' '.join(cmd)}\n{err}")
    return elapsed * 1000, (usage.ru_utime + usage.ru_stime) * 1000, usage.ru_maxrss / 1024


def measure(binaries, args, runs, env=None):
    """Runs each binary with args, alternating run by run; returns one summary per binary."""
    samples = [[] for _ in binaries]
    for _ in range(runs):
        for i, binary in enumerate(binaries):
            samples[i].append(run_once([binary, *args], env))
    return [{"median_ms": round(statistics.median(t for t, _, _ in s), 2),
             "min_ms": round(min(t for t, _, _ in s), 2),
             "max_ms": round(max(t for t, _, _ in s), 2),
             "cpu_ms": round(statistics.median(c for _, c, _ in s), 2),
             "peak_rss_mb": round(max(r for _, _, r in s), 1), "runs": runs} for s in samples]


def generate(directory, n):
    directory.mkdir(parents=True, exist_ok=True)
    for i in range(n):
        (directory / f"{i:05d}-bench.yaml").write_text(EXTENSION.format(i=i))


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--binary", default=str(ROOT / "out/linux-x64/kairos-stages"))
    parser.add_argument("--runs", type=int, default=10)
    parser.add_argument("--baseline", help="another binary to run alternately with --binary")
    parser.add_argument("--full", action="store_true")
    parser.add_argument("--factory-cache", action="store_true")
    args = parser.parse_args()
    binaries = [args.binary] + ([args.baseline] if args.baseline else [])
    for binary in binaries:
        if not os.access(binary, os.X_OK):
            sys.exit(f"{binary} not found: run build/publish.sh first")

    results, baseline = {}, {}

    def record(name, cmd, env=None):
        measured = measure(binaries, cmd, args.runs, env)
        results[name] = measured[0]
        if args.baseline:
            baseline[name] = measured[1]

    with tempfile.TemporaryDirectory() as tmp:
        tmp = pathlib.Path(tmp)
        os_release = tmp / "os-release"
        os_release.write_text(OS_RELEASE)
        record("start", ["version"])
        for n in (0, 1, 100, 1000, 2000):
            ext = tmp / f"ext-{n}"
            generate(ext, n)
            plan = ["plan", "--stage", "all", "--os-release", str(os_release), "--version", "1.0.0",
                    "--extensions-dir", str(ext), "--format", "json"]
            if n in (1, 100, 1000):
                record(f"lint-{n}", ["lint", str(ext)])
            if n != 1:
                record(f"plan-{n}", plan)
            if n == 0:
                record("plan-0-1core", plan, dict(os.environ, DOTNET_PROCESSOR_COUNT="1"))

    if args.full:
        out = subprocess.run(["bash", str(ROOT / "bench/full_build.sh"), args.binary], check=True,
                             capture_output=True, text=True).stdout
        results["full_build"] = json.loads(out.strip().splitlines()[-1])

    if args.factory_cache:
        out = subprocess.run(["python3", str(ROOT / "bench/factory_cache.py"), "--binary", args.binary], check=True,
                             capture_output=True, text=True).stdout
        results["factory_cache"] = json.loads(out.strip().splitlines()[-1])

    header = f"{'scenario':<13} {'median ms':>10} {'min ms':>9} {'max ms':>9} {'cpu ms':>8} {'peak RSS MB':>12}"
    if args.baseline:
        header += f" {'baseline ms':>12} {'ratio':>6}"
    print(header)
    for name, r in results.items():
        if "median_ms" in r:
            line = f"{name:<13} {r['median_ms']:>10} {r['min_ms']:>9} {r['max_ms']:>9} {r['cpu_ms']:>8} {r['peak_rss_mb']:>12}"
            if name in baseline:
                b = baseline[name]
                line += f" {b['median_ms']:>12} {r['median_ms'] / b['median_ms']:>6.2f}"
            print(line)
    if "full_build" in results:
        print(json.dumps(results["full_build"], indent=2))
    if "factory_cache" in results:
        print("factory_cache", json.dumps(results["factory_cache"], indent=2))
    output = dict(results)
    if args.baseline:
        output["baseline"] = {"binary": args.baseline, **baseline}
    (ROOT / "bench/results.json").write_text(json.dumps(output, indent=2) + "\n")


if __name__ == "__main__":
    main()
