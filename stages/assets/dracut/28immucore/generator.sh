#!/bin/sh
# systemd generator (initramfs): give sysroot.mount time to appear while immucore prepares the
# image, and make sure initrd-root-fs.target waits for it.
GENERATOR_DIR="${1:-/run/systemd/generator}"

mkdir -p "${GENERATOR_DIR}/sysroot.mount.d"
cat > "${GENERATOR_DIR}/sysroot.mount.d/10-kairos-timeout.conf" <<UNIT
[Mount]
TimeoutSec=300
UNIT

mkdir -p "${GENERATOR_DIR}/initrd-root-fs.target.wants"
if [ ! -e "${GENERATOR_DIR}/initrd-root-fs.target.wants/sysroot.mount" ]; then
    ln -s ../sysroot.mount "${GENERATOR_DIR}/initrd-root-fs.target.wants/sysroot.mount"
fi
exit 0
