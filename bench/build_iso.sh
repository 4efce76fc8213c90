#!/usr/bin/env bash
# build-iso against a naive AuroraBoot-equivalent pipeline, on the same built root, in one run.
#   bash bench/build_iso.sh ROOT [BINARY]    ROOT: a finished image (e.g. from 'kairos-stages run --root')
# (a) naive: what AuroraBoot's build-iso does with a dir: source, as shell: rsync the root into a
#     temp dir, rsync it again into the ISO work dir, mksquashfs -b 1024k (defaults: gzip),
#     mkfs.vfat + mcopy for the EFI image, the same xorriso call (ISO boot files taken from (b)'s
#     tree so both ISOs carry the same GRUB files);
# (b) kairos-stages build-iso dir:ROOT.
# Both write into one scratch directory whose used space is sampled every second (du): "peak extra disk"
# is the peak rise over the start. Prints a table and, as its last line, the figures as JSON.
set -euo pipefail
cd "$(dirname "$0")/.."
root=$(realpath "${1:?usage: bench/build_iso.sh ROOT [BINARY]}")
bin=$(realpath "${2:-out/linux-x64/kairos-stages}")
[ -x "$bin" ] || { echo "build_iso: $bin not found: run build/publish.sh first" >&2; exit 1; }
work=$(mktemp -d /var/tmp/ks-bench-iso-XXXXXX)
trap 'rm -rf "$work"' EXIT
# du exits 1 when a file vanishes mid-scan (rsync's temp files, mksquashfs's work): its total still counts,
# and with pipefail + set -e that status ended the whole bench in the middle of the naive run
used() { { du -sb "$work" 2>/dev/null || true; } | cut -f1; }

# now() and measure()
. "$(dirname "$0")/measure.sh"

# (b) first, so (a) can borrow its GRUB/boot files (the naive pipeline's boot files are not what is measured)
mkdir -p "$work/b"
read -r b_time b_disk < <(measure "$bin" build-iso "dir:$root" --output "$work/b" --override-name ours)
b_size=$(stat -c %s "$work/b/ours.iso")
mkdir -p "$work/borrowed" && xorriso -osirrox on -indev "$work/b/ours.iso" -extract /boot "$work/borrowed/boot" -extract /EFI "$work/borrowed/EFI" >/dev/null 2>&1
efi_stage=$work/borrowed-efi && mkdir -p "$efi_stage" && mcopy -s -i "$work/borrowed/boot/uefi.img" ::EFI ::boot "$efi_stage/" 2>/dev/null

naive() {
  local tmp=$work/a/temp-rootfs iso=$work/a/iso-work
  mkdir -p "$tmp" "$iso/rootfs" "$iso/iso/boot"
  rsync --archive --acls --exclude /mnt --exclude /proc --exclude /sys --exclude /dev --exclude /tmp --exclude /host --exclude /run "$root/" "$tmp/"
  rsync --archive --acls "$tmp/" "$iso/rootfs/"
  mkdir -p "$iso/rootfs/"{run,dev,boot,usr/local,oem,proc,sys,tmp}
  cp "$work/borrowed/boot/kernel" "$work/borrowed/boot/initrd" "$iso/iso/boot/"
  cp -r "$work/borrowed/boot/grub2" "$work/borrowed/boot/grub" "$iso/iso/boot/"
  cp -r "$work/borrowed/EFI" "$iso/iso/"
  cp "$work/borrowed/boot/eltorito.img" "$work/borrowed/boot/boot_hybrid.img" "$iso/iso/boot/"
  local bytes; bytes=$(du -sb "$efi_stage" | cut -f1)
  truncate -s $(( (bytes / 4194304 + 1) * 4194304 )) "$iso/iso/boot/uefi.img"
  mkfs.vfat -n EFI_LIVE "$iso/iso/boot/uefi.img" >/dev/null
  mcopy -s -i "$iso/iso/boot/uefi.img" "$efi_stage"/* ::
  mksquashfs "$iso/rootfs" "$iso/iso/rootfs.squashfs" -b 1024k -noappend -no-progress -quiet
  xorriso -volid COS_LIVE -joliet on -padding 0 -outdev "$work/a/naive.iso" -map "$iso/iso" / -chmod 0755 -- \
    -boot_image grub bin_path=/boot/eltorito.img -boot_image grub grub2_mbr="$iso/iso/boot/boot_hybrid.img" \
    -boot_image grub grub2_boot_info=on -boot_image any partition_offset=16 -boot_image any cat_path=/boot/boot.catalog \
    -boot_image any cat_hidden=on -boot_image any boot_info_table=on -boot_image any platform_id=0x00 \
    -boot_image any emul_type=no_emulation -boot_image any load_size=2048 \
    -append_partition 2 0xef "$iso/iso/boot/uefi.img" -boot_image any next -boot_image any platform_id=0xef \
    -boot_image any emul_type=no_emulation -boot_image any efi_path=--interval:appended_partition_2:all:: \
    -boot_image any appended_part_as=gpt -boot_image any mbr_force_bootable=on
  sha256sum "$work/a/naive.iso" >"$work/a/naive.iso.sha256"
  rm -rf "$tmp" "$iso"
}
mkdir -p "$work/a"
read -r a_time a_disk < <(measure naive)
a_size=$(stat -c %s "$work/a/naive.iso")
root_size=$(du -sb "$root" | cut -f1)

printf '%-28s %12s %12s %8s\n' "" "naive" "build-iso" "ratio"
printf '%-28s %12.1f %12.1f %8.2f\n' "wall time (s)" "$a_time" "$b_time" "$(awk "BEGIN { print $b_time / $a_time }")"
printf '%-28s %12d %12d %8.2f\n' "ISO size (bytes)" "$a_size" "$b_size" "$(awk "BEGIN { print $b_size / $a_size }")"
printf '%-28s %12d %12d %8.2f\n' "peak extra disk (bytes)" "$a_disk" "$b_disk" "$(awk "BEGIN { print $b_disk / $a_disk }")"
printf '%-28s %12d %12s %8.2f\n' "root size (bytes); ours/root" "$root_size" "" "$(awk "BEGIN { print $b_disk / $root_size }")"
printf '{"naive_s":%s,"ours_s":%s,"time_ratio":%s,"naive_iso":%d,"ours_iso":%d,"size_ratio":%s,"naive_disk":%d,"ours_disk":%d,"disk_ratio":%s,"root":%d}\n' \
  "$a_time" "$b_time" "$(awk "BEGIN { print $b_time / $a_time }")" "$a_size" "$b_size" "$(awk "BEGIN { print $b_size / $a_size }")" \
  "$a_disk" "$b_disk" "$(awk "BEGIN { print $b_disk / $a_disk }")" "$root_size"
