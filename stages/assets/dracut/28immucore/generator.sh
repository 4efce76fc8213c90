#!/bin/sh
# systemd generator (initramfs): give sysroot.mount time to appear while immucore prepares the
# image, and make sure initrd-root-fs.target waits for it.
GENERATOR_DIR="${1:-/run/systemd/generator}"

mkdir -p "${GENERATOR_DIR}/sysroot.mount.d"
cat > "${GENERATOR_DIR}/sysroot.mount.d/10-kairos-timeout.conf" <<UNIT
[Mount]
TimeoutSec=300
UNIT

# A live boot (root=live:, the ISO) is mounted by dracut's own hooks: with rd.live.overlay.overlayfs
# the overlayfs module's mount hook creates /run/overlayfs and mounts /sysroot after the initqueue.
# dmsquash-live's generated sysroot.mount needs that directory, so pulling it in here made it fail
# ("overlayfs: failed to resolve '/run/overlayfs'") before the hook ran.
case " $(cat /proc/cmdline 2>/dev/null) " in
    *" root=live:"*) exit 0 ;;
esac

mkdir -p "${GENERATOR_DIR}/initrd-root-fs.target.wants"
if [ ! -e "${GENERATOR_DIR}/initrd-root-fs.target.wants/sysroot.mount" ]; then
    ln -s ../sysroot.mount "${GENERATOR_DIR}/initrd-root-fs.target.wants/sysroot.mount"
fi
exit 0
