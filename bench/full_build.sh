#!/usr/bin/env bash
# Full Debian 12 build against the naive baseline, in one run, on fresh debootstrap'd roots (needs root).
#   bash bench/full_build.sh [BINARY]       BINARY defaults to out/linux-x64/kairos-stages
# (a) baseline: one `apt-get install` of exactly the packages our stages install (read from the
#     rendered stages), then one `dracut -f /boot/initrd <kernel>` — with our dracut configuration
#     in place (our init phase writes it), so both builds make the same initrd;
# (b) `kairos-stages run --stage all` with stand-in artifacts (--artifacts-dir).
# Prints a table, the per-step times of (b), and, as its last line, the figures as JSON.
# KEEP=1 keeps the two roots (printed) for inspection. ORDER=ours-first runs (b) before (a), to
# show how much the order (a warm mirror or CDN for the second build) moves the ratio.
# MODE=progress [SEQUENCE="progress quiet xz6 ..."] runs only (b), each on a fresh root under a pty:
# progress on, --quiet, and xz6 (--quiet with the initrd compressed as dracut's default xz, as before issue 16).
# MODE=progress instead measures the cost of live progress (issue 20): four builds of (b), each on a
# fresh root and under a pseudo-terminal (`script`), so the live status line redraws as a user sees
# it: progress on, --quiet, --quiet, progress on (ABBA, so a drift in load or mirror speed hits both
# sides alike; SEQUENCE="quiet progress" runs another order). The two sides differ only in --quiet.
# Prints per-build times and the ratio.
set -euo pipefail
cd "$(dirname "$0")/.."
bin=$(realpath "${1:-out/linux-x64/kairos-stages}")
[ -x "$bin" ] || { echo "full_build: $bin not found: run build/publish.sh first" >&2; exit 1; }
cache=/var/cache/kairos-stages-ci/bookworm-minbase.tgz
work=$(mktemp -d /var/tmp/ks-bench-XXXXXX)
mounted=()
cleanup() {
  for ((i=${#mounted[@]}-1; i>=0; i--)); do umount "${mounted[i]}" 2>/dev/null || umount -l "${mounted[i]}"; done
  [ "${KEEP:-0}" = 1 ] && echo "kept: $work" >&2 || rm -rf "$work"
}
trap cleanup EXIT
trap 'echo "full_build: failed at line $LINENO: $BASH_COMMAND" >&2' ERR

now() { date +%s.%N; }
diff() { awk "BEGIN { print $2 - $1 }"; }
fresh_root() {
  if [ ! -f "$cache" ]; then
    mkdir -p "$(dirname "$cache")"
    debootstrap --variant=minbase --make-tarball="$cache.part" bookworm "$work/tarball" >&2
    mv "$cache.part" "$cache"
  fi
  debootstrap --variant=minbase --unpack-tarball="$cache" bookworm "$1" >/dev/null
}

fresh_root "$work/a"
fresh_root "$work/b"

# The package set our stages install, from the rendered install phase (every `packages: install:` list).
"$bin" render --root "$work/b" --version 1.0.0 >"$work/rendered.yaml"
mapfile -t packages < <(python3 - "$work/rendered.yaml" <<'PY'
import sys
packages, pkg_indent, install_indent = [], None, None
for raw in open(sys.argv[1]):
    line = raw.rstrip("\n")
    body = line.lstrip(" ")
    if not body or body.startswith("#"):
        continue
    indent = len(line) - len(body)
    if install_indent is not None:
        if body.startswith("- ") and indent >= install_indent:
            name = body[2:].strip().strip('"')
            if name not in packages:
                packages.append(name)
            continue
        install_indent = None
    if pkg_indent is not None and indent <= pkg_indent:
        pkg_indent = None
    if body == "packages:":
        pkg_indent = indent
    elif pkg_indent is not None and body == "install:":
        install_indent = indent
print("\n".join(packages))
PY
)
echo "package set: ${#packages[@]} packages" >&2

# Stand-in artifacts (the suite's fixtures' shape): tar.gz with a small script named like the binary.
artifacts="$work/artifacts"
mkdir -p "$artifacts"
"$bin" artifacts list --root "$work/b" --version 1.0.0 | python3 build/stand-in-artifacts.py "$artifacts"

baseline() {
# (a) the baseline, with what a container runtime or our chroot gives: proc, sys, dev, DNS.
a="$work/a"
for m in proc sys dev; do
  case $m in proc) mount -t proc proc "$a/proc" ;; sys) mount -t sysfs sysfs "$a/sys" ;; dev) mount --bind /dev "$a/dev" ;; esac
  mounted+=("$a/$m")
done
cp /etc/resolv.conf "$a/etc/resolv.conf"
# Same initrd in both builds: put our dracut configuration and immucore module into the baseline
# root first (rendered from the same stage file), and the stand-in binaries the module requires.
"$bin" run --root "$a" --stage init --version 1.0.0 --skip-steps kairosRelease,kernel,initrd,services,sshHardening,workarounds,cleanup >/dev/null 2>&1 ||
  { echo "full_build: could not write the dracut configuration into the baseline root" >&2; exit 1; }
for b in kairos-agent immucore; do printf '#!/bin/sh\necho stand-in\n' >"$a/usr/bin/$b"; chmod 0755 "$a/usr/bin/$b"; done
t0=$(now)
chroot "$a" env DEBIAN_FRONTEND=noninteractive apt-get -y update >/dev/null
chroot "$a" env DEBIAN_FRONTEND=noninteractive apt-get -y --no-install-recommends install "${packages[@]}" >"$work/a-apt.log" 2>&1 ||
  { tail -20 "$work/a-apt.log" >&2; exit 1; }
t1=$(now)
kernel=$(ls -1 "$a/lib/modules" | sort -V | tail -n1)
chroot "$a" dracut -f /boot/initrd "$kernel" >"$work/a-dracut.log" 2>&1 || { tail -20 "$work/a-dracut.log" >&2; exit 1; }
t2=$(now)
for ((i=${#mounted[@]}-1; i>=0; i--)); do umount "${mounted[i]}"; done
mounted=()
apt_a=$(diff "$t0" "$t1"); dracut_a=$(diff "$t1" "$t2"); total_a=$(diff "$t0" "$t2")
size_a=$(du -sbx "$a" | cut -f1)

}

ours() {
# (b) ours.
t0=$(now)
"$bin" run --root "$work/b" --stage all --version 1.0.0 --artifacts-dir "$artifacts" --log-level warn 2>"$work/b.log" ||
  { tail -30 "$work/b.log" >&2; exit 1; }
t1=$(now)
total_b=$(diff "$t0" "$t1")
size_b=$(du -sbx "$work/b" | cut -f1)

}

if [ "${MODE:-baseline}" = progress ]; then
  # One build of (b) in a fresh root under a pseudo-terminal; appends "LABEL SECONDS RUN_JSON" to $work/progress-runs.
  ours_on_tty() { # LABEL EXTRA_FLAGS
    local root="$work/$1-$(wc -l <"$work/progress-runs")"
    fresh_root "$root"
    local command="$(printf '%q ' "$bin" run --root "$root" --stage all --version 1.0.0 --artifacts-dir "$artifacts") $2"
    local t0 t1
    t0=$(now)
    COLUMNS=120 LINES=40 script -q -e -c "$command" /dev/null >"$root.tty.log" 2>&1 </dev/null ||
      { tail -c 3000 "$root.tty.log" >&2; exit 1; }
    t1=$(now)
    echo "$1 $(diff "$t0" "$t1") $root/etc/kairos/kairos-stages/run.json $(wc -c <"$root.tty.log")" >>"$work/progress-runs"
    # keep run.json, free the disk for the next build
    rm -rf --one-file-system "$root"/{usr,var,lib,bin,sbin,boot} || echo "full_build: could not free $root" >&2
  }
  : >"$work/progress-runs"
  # Side xz6: --quiet with the bundled stages forked to dracut's own compress="xz" (LZMA2 preset 6),
  # the initrd compression before issue 16's change: same binary, same files in the initrd.
  if [[ " ${SEQUENCE:-} " == *" xz6 "* ]]; then
    "$bin" stages export "$work/stages-xz6" >/dev/null
    sed -i 's/^compress=.*/compress="xz"/' "$work/stages-xz6/assets/dracut/99-immucore.conf"
    grep -qx 'compress="xz"' "$work/stages-xz6/assets/dracut/99-immucore.conf" || { echo "full_build: no compress line to fork" >&2; exit 1; }
  fi
  for side in ${SEQUENCE:-progress quiet quiet progress}; do
    case $side in
      progress) ours_on_tty progress "" ;;
      quiet) ours_on_tty quiet --quiet ;;
      xz6) ours_on_tty xz6 "--quiet --stages-dir $(printf %q "$work/stages-xz6")" ;;
      *) echo "full_build: SEQUENCE takes progress, quiet and xz6" >&2; exit 2 ;;
    esac
  done
  python3 - "$work/progress-runs" "${SEQUENCE:-progress quiet quiet progress}" <<'PY'
import json, statistics, sys
runs = []
for line in open(sys.argv[1]):
    label, seconds, record, tty_bytes = line.split()
    steps = {}  # a step id names several entries (its stage's sub-steps): add them up
    for s in json.load(open(record))["steps"]:
        if s.get("step"):
            steps[s["step"]] = steps.get(s["step"], 0.0) + s["duration_ms"] / 1000
    runs.append(dict(label=label, seconds=float(seconds), install_s=steps.get("installPackages", 0.0), initrd_s=steps.get("initrd", 0.0), tty_bytes=int(tty_bytes)))
print(f"{'#':>2} {'build (pty)':<14} {'total s':>8} {'installPackages s':>18} {'initrd s':>9} {'terminal bytes':>15}")
for i, r in enumerate(runs, 1):
    print(f"{i:>2} {r['label']:<14} {r['seconds']:>8.1f} {r['install_s']:>18.1f} {r['initrd_s']:>9.1f} {r['tty_bytes']:>15}")
labels = [k for k in ("progress", "quiet", "xz6") if any(r["label"] == k for r in runs)]
mean = {k: statistics.mean(r["seconds"] for r in runs if r["label"] == k) for k in labels}
spread = {k: max(r["seconds"] for r in runs if r["label"] == k) - min(r["seconds"] for r in runs if r["label"] == k) for k in labels}
summary = dict(mode="progress", order=sys.argv[2], runs=runs, mean_s=mean)
if "progress" in mean and "quiet" in mean:
    ratio = mean["progress"] / mean["quiet"]
    summary["ratio"] = round(ratio, 3)
    print(f"mean progress on {mean['progress']:.1f} s, --quiet {mean['quiet']:.1f} s; ratio progress/quiet = {ratio:.3f}; "
          f"spread within a side: progress {spread['progress']:.1f} s, quiet {spread['quiet']:.1f} s")
if "xz6" in mean:
    initrd = {k: statistics.mean(r["initrd_s"] for r in runs if r["label"] == k) for k in labels}
    now = statistics.mean(initrd[k] for k in labels if k != "xz6")
    summary["initrd_ratio_now_vs_xz6"] = round(now / initrd["xz6"], 3)
    print(f"Build initrd: xz6 (before) {initrd['xz6']:.1f} s, now {now:.1f} s (mean of the other builds); ratio now/xz6 = {now / initrd['xz6']:.3f} (target <= 0.6)")
print(json.dumps(summary))
PY
  exit 0
fi

if [ "${ORDER:-baseline-first}" = ours-first ]; then ours; baseline; else baseline; ours; fi

python3 - "$work/b/etc/kairos/kairos-stages/run.json" "$apt_a" "$dracut_a" "$total_a" "$size_a" "$total_b" "$size_b" "${#packages[@]}" "${ORDER:-baseline-first}" <<'PY'
import json, sys
record = json.load(open(sys.argv[1]))
apt_a, dracut_a, total_a, size_a, total_b, size_b, count = sys.argv[2:9]
apt_a, dracut_a, total_a, total_b = map(float, (apt_a, dracut_a, total_a, total_b))
size_a, size_b, count = int(size_a), int(size_b), int(count)
steps = [dict(stage=s["stage"], step=s.get("step", "(extension)"), name=s["name"], seconds=round(s["duration_ms"] / 1000, 2))
         for s in record["steps"] if s["status"] != "skipped" and s["duration_ms"] >= 50]
print(f"{'build':<40} {'seconds':>9} {'root bytes':>15}")
print(f"{'(a) baseline: apt-get update+install':<40} {apt_a:>9.1f}")
print(f"{'(a) baseline: dracut':<40} {dracut_a:>9.1f}")
print(f"{'(a) baseline total':<40} {total_a:>9.1f} {size_a:>15}")
print(f"{'(b) kairos-stages run --stage all':<40} {total_b:>9.1f} {size_b:>15}")
print(f"order: {sys.argv[9]}")
print(f"ratio b/a = {total_b / total_a:.3f} (target <= 0.85); size b/a = {size_b / size_a:.3f} (target <= 1)")
print("\n| stage | step | name | s |\n|---|---|---|---|")
for s in steps:
    print(f"| {s['stage']} | {s['step']} | {s['name']} | {s['seconds']:.2f} |")
print(json.dumps(dict(packages=count, baseline=dict(apt_s=round(apt_a, 1), dracut_s=round(dracut_a, 1), total_s=round(total_a, 1), root_bytes=size_a),
                      ours=dict(total_s=round(total_b, 1), root_bytes=size_b, steps=steps),
                      ratio=round(total_b / total_a, 3), size_ratio=round(size_b / size_a, 3), order=sys.argv[9])))
PY
