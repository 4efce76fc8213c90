#!/bin/sh
# dracut pre-mount hook. A live medium booted with rd.live.overlay.overlayfs gets a generated
# sysroot.mount whose overlay uses /run/overlayfs (upper) and /run/ovlwork (work). dracut 059 makes
# those two directories only in its mount hook, which runs after sysroot.mount, so the unit failed
# once ("failed to resolve '/run/overlayfs'") before the hook mounted the root. pre-mount runs before
# sysroot.mount: make them here. A persistent overlay has already linked them; those stay as they are.
type getargbool >/dev/null 2>&1 || . /lib/dracut-lib.sh

if getargbool 0 rd.live.overlay.overlayfs; then
    for kairos_live_dir in /run/overlayfs /run/ovlwork; do
        [ -e "$kairos_live_dir" ] || mkdir -m 0755 -p "$kairos_live_dir"
    done
    unset kairos_live_dir
fi
