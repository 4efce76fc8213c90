#!/bin/bash
# dracut module: runs immucore, which mounts the Kairos image layout before switch-root.

check() {
    # Always part of the initramfs.
    return 0
}

depends() {
    echo rootfs-block dm fs-lib lvm
    return 0
}

installkernel() {
    instmods overlay
}

install() {
    declare moddir=${moddir}
    declare systemdutildir=${systemdutildir}
    declare systemdsystemunitdir=${systemdsystemunitdir}
    declare initdir="${initdir}"

    # Missing tools fail the build: an initrd without them cannot mount the system.
    inst_multiple immucore kairos-agent
    inst_multiple sync udevadm blkid lsblk e2fsck mount umount rsync cryptsetup gawk awk \
        mkfs.ext2 mkfs.ext3 mkfs.ext4 mkfs.vfat
    inst_multiple -o mkfs.fat
    # gawk loads its extensions at run time.
    if [ -d /usr/lib/gawk ]; then
        inst_dir /usr/lib/gawk
        inst_multiple -o /usr/lib/gawk/*
    fi
    if [ -d /usr/lib64/gawk ]; then
        inst_dir /usr/lib64/gawk
        inst_multiple -o /usr/lib64/gawk/*
    fi

    inst_script "${moddir}/generator.sh" "${systemdutildir}/system-generators/dracut-immucore-generator"
    inst_simple "${moddir}/immucore.service" "${systemdsystemunitdir}/immucore.service"
    inst_hook pre-mount 10 "${moddir}/live-overlay-dirs.sh"
    mkdir -p "${initdir}/${systemdsystemunitdir}/initrd.target.requires"
    ln_r "${systemdsystemunitdir}/immucore.service" "${systemdsystemunitdir}/initrd.target.requires/immucore.service"
    dracut_need_initqueue
}
