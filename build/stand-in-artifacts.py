#!/usr/bin/env python3
"""Stand-ins for the pinned release artifacts, for demos and benchmarks where GitHub is unreachable.

    kairos-stages artifacts list ... | python3 build/stand-in-artifacts.py DIR

For each line of `artifacts list` (URL, install path, archive member), writes a file named like the
release file into DIR: a small shell script named like the binary, inside a tar.gz when the release
is an archive. NOT functional Kairos binaries: enough to show every step work end to end.
"""
import io
import sys
import tarfile
import urllib.parse

out = sys.argv[1]
for line in sys.stdin:
    url, path, member = line.rstrip("\n").split("\t")
    name = urllib.parse.unquote(url.rsplit("/", 1)[1])
    script = ("#!/bin/sh\necho \"%s stand-in $*\"\n" % path).encode()
    if not member:
        with open(f"{out}/{name}", "wb") as file:
            file.write(script)
        continue
    with tarfile.open(f"{out}/{name}", "w:gz") as tar:
        info = tarfile.TarInfo(member)
        info.size = len(script)
        info.mode = 0o755
        tar.addfile(info, io.BytesIO(script))
