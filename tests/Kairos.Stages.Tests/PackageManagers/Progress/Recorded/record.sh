#!/usr/bin/env bash
# Re-makes the dnf and zypper recordings in this directory from the REAL package managers (Debian
# bookworm packages dnf, zypper, rpm, createrepo-c; needs root; ~1 min; not run by CI: the
# recordings are the fixtures).
#   bash record.sh [OUT_DIR]      (default: this directory)
# Three tiny noarch RPMs (ks-alpha requires ks-beta; ks-gamma), a createrepo_c repository served
# over HTTP on 127.0.0.1 (so the managers download, as from a mirror), and a throwaway root per
# manager. Each command is the one our stages run (PackageManager.cs: `dnf makecache`,
# `dnf install -y --setopt=install_weak_deps=False …`, `zypper refresh`, `zypper install -y
# --no-recommends …`), plus the option that points it at the throwaway root (--installroot/--root),
# run the way ChrootTarget runs it: `/bin/sh -c 'exec 2>&1; …'` with a clean environment
# (PATH, HOME, LANG=C.UTF-8), stdout a pipe, stdin empty.
set -euo pipefail
out=$(realpath "${1:-$(dirname "$0")}")
for tool in rpmbuild createrepo_c dnf zypper python3; do
  command -v "$tool" >/dev/null || { echo "record.sh: $tool not found (apt-get install rpm createrepo-c dnf zypper)" >&2; exit 1; }
done
work=$(mktemp -d /tmp/ks-pm-record-XXXXXX)
server=
cleanup() {
  if [ -n "$server" ]; then kill "$server" 2>/dev/null || true; wait "$server" 2>/dev/null || true; fi
  rm -rf "$work"
}
trap cleanup EXIT

# --- three small packages (a few hundred KiB each, so downloads take a visible moment) ---
mkdir -p "$work/rpmbuild/SPECS" "$work/repo"
package() { # NAME REQUIRES
  cat >"$work/rpmbuild/SPECS/$1.spec" <<SPEC
Name: $1
Version: 1.0
Release: 1
Summary: $1, a package for recording package-manager progress
License: MIT
BuildArch: noarch
${2:+Requires: $2}
%description
$1, a package for recording package-manager progress.
%install
mkdir -p %{buildroot}/usr/share/$1
head -c 300000 /dev/urandom >%{buildroot}/usr/share/$1/payload
%files
/usr/share/$1
SPEC
  rpmbuild --quiet -bb --define "_topdir $work/rpmbuild" --define "_build_id_links none" "$work/rpmbuild/SPECS/$1.spec"
}
package ks-alpha ks-beta
package ks-beta ""
package ks-gamma ""
cp "$work"/rpmbuild/RPMS/noarch/*.rpm "$work/repo/"
createrepo_c --quiet "$work/repo"

# --- the repository on 127.0.0.1, on a free port ---
python3 - "$work/repo" "$work/port" <<'PY' &
import functools, http.server, sys
class Quiet(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args):
        pass
handler = functools.partial(Quiet, directory=sys.argv[1])
with http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler) as httpd:
    open(sys.argv[2] + ".part", "w").write(str(httpd.server_address[1]))
    __import__("os").rename(sys.argv[2] + ".part", sys.argv[2])
    httpd.serve_forever()
PY
server=$!
for _ in $(seq 50); do [ -f "$work/port" ] && break; sleep 0.1; done
url="http://127.0.0.1:$(cat "$work/port")/"

# As ChrootTarget runs a command: clean environment, stderr merged into the stdout pipe, no stdin.
record() { # FILE SCRIPT
  env -i PATH=/usr/sbin:/usr/bin:/sbin:/bin HOME=/root LANG=C.UTF-8 /bin/sh -c "exec 2>&1; $2" </dev/null | cat >"$out/$1"
  echo "recorded $1: $2" >&2
}

# --- dnf ---
dnf_root="$work/dnf-root"
mkdir -p "$dnf_root/etc/yum.repos.d" "$dnf_root/etc/dnf"
printf '[main]\ngpgcheck=0\n' >"$dnf_root/etc/dnf/dnf.conf"
printf '[ks-local]\nname=ks-local\nbaseurl=%s\ngpgcheck=0\n' "$url" >"$dnf_root/etc/yum.repos.d/ks-local.repo"
dnf_opts="--installroot=$dnf_root"
record dnf4-makecache.txt "dnf makecache $dnf_opts"
record dnf4-install.txt "dnf install -y --setopt=install_weak_deps=False $dnf_opts ks-alpha ks-gamma"
record dnf4-remove.txt "dnf remove -y $dnf_opts ks-alpha ks-gamma"

# --- zypper ---
zypper_root="$work/zypper-root"
mkdir -p "$zypper_root"
zypper --root "$zypper_root" --non-interactive addrepo --no-gpgcheck "$url" ks-local >/dev/null
record zypper-refresh.txt "zypper --root $zypper_root refresh"
record zypper-install.txt "zypper --root $zypper_root install -y --no-recommends ks-alpha ks-gamma"
record zypper-remove.txt "zypper --root $zypper_root remove -y ks-alpha ks-gamma"

# The throwaway paths and port vary per run: replace them so a re-recording diffs only in real changes.
sed -i -e "s#$work#/tmp/ks-pm-record#g" -e "s#$url#http://127.0.0.1:PORT/#g" "$out"/dnf4-*.txt "$out"/zypper-*.txt
# For the README's versions line.
echo "dnf $(dnf --version | head -n1), zypper $(zypper --version | cut -d' ' -f2), rpm $(rpm --version | cut -d' ' -f3), createrepo_c $(createrepo_c --version | cut -d' ' -f2)" >&2
