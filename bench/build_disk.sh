#!/usr/bin/env bash
# build-disk against a naive AuroraBoot-style pipeline, on the same built root, in one run (BIOS raw disk: the
# pipeline AuroraBoot runs with --privileged, grub-install included).
#   bash bench/build_disk.sh ROOT [BINARY]    ROOT: a finished image (e.g. from 'kairos-stages run --root');
#                                             BINARY: the published kairos-stages, or kairos-stages.dll (run with dotnet)
# (a) naive, as shell, as root: rsync the root into a temp dir; recovery.img = an ext2 file (root + 200 MiB)
#     loop-mounted and filled with rsync; RECOVERY (recovery.img x 2 + 150 MiB) and OEM (64 MiB) the same way
#     (OEM's files taken from (b)'s disk, so both disks carry the same first-boot files); the images concatenated
#     between 1 MiB pads with a 1 MiB BIOS boot partition; the GPT written with sfdisk; the disk attached to a
#     loop device with its partitions, RECOVERY mounted and grub-install --target=i386-pc run on the device;
# (b) kairos-stages build-disk dir:ROOT --firmware bios (no root needed, no loop device).
# Both write into one scratch directory whose allocated space is sampled every second (du): "peak extra disk"
# is the peak rise over the start; the target is at most the built disk's size plus its recovery.img. Prints a table and, as its last line, the figures as JSON.
set -euo pipefail
cd "$(dirname "$0")/.."
root=$(realpath "${1:?usage: bench/build_disk.sh ROOT [BINARY]}")
bin=$(realpath "${2:-out/linux-x64/kairos-stages}")
[ -e "$bin" ] || { echo "build_disk: $bin not found: run build/publish.sh first" >&2; exit 1; }
[ "$(id -u)" = 0 ] || { echo "build_disk: the naive pipeline mounts loop devices: run as root" >&2; exit 1; }
ks() { case "$bin" in *.dll) dotnet "$bin" "$@" ;; *) "$bin" "$@" ;; esac; }
work=$(mktemp -d /var/tmp/ks-bench-disk-XXXXXX)
mnt=$(mktemp -d /var/tmp/ks-bench-disk-mnt-XXXXXX)
loops=$(mktemp /var/tmp/ks-bench-disk-loops-XXXXXX) # loop devices the naive run attached (it runs in a subshell)
cleanup() {
  mountpoint -q "$mnt" && umount "$mnt"
  while read -r dev; do losetup -d "$dev" 2>/dev/null || true; done <"$loops"
  rm -rf "$work" "$mnt" "$loops"
}
trap cleanup EXIT
# allocated bytes, not apparent sizes (du -b): the disk images are sparse files, and a hole takes no disk
used() { { du -s --block-size=1 "$work" 2>/dev/null || true; } | cut -f1; }

# now() and measure()
. "$(dirname "$0")/measure.sh"

# (b) first, so (a) can borrow its OEM files (what is measured is the building, not the file contents)
mkdir -p "$work/b"
read -r b_time b_disk < <(measure ks build-disk "dir:$root" --firmware bios --output "$work/b" --override-name ours)
b_size=$(stat -c %s "$work/b/ours.raw")
b_recovery=$(sed -n 's/.*recovery.img \([0-9]*\) MiB.*/\1/p' "$work/last.log" | head -1)
oem_start=$(sfdisk --json "$work/b/ours.raw" | python3 -c 'import json,sys; print(json.load(sys.stdin)["partitiontable"]["partitions"][1]["start"] * 512)')
mkdir -p "$work/borrowed-oem"
mount -o loop,ro,offset="$oem_start" "$work/b/ours.raw" "$mnt" && cp -a "$mnt/." "$work/borrowed-oem/" && umount "$mnt"
rm -rf "$work/borrowed-oem/lost+found"

fill() { # fill IMAGE DIR...: loop-mount IMAGE and rsync DIRs into it (elemental's DeployImage)
  local image=$1; shift
  mount -o loop "$image" "$mnt"
  for dir in "$@"; do rsync --archive --acls --hard-links "$dir" "$mnt/"; done
}

naive() {
  local a=$work/a tmp=$work/a/temp-rootfs mib=$((1024 * 1024))
  mkdir -p "$tmp"
  rsync --archive --acls --hard-links --exclude /mnt --exclude /proc --exclude /sys --exclude /dev --exclude /tmp --exclude /host --exclude /run "$root/" "$tmp/"
  local root_mib; root_mib=$(( ($(du -sb "$tmp" | cut -f1) + mib - 1) / mib ))
  local image_mib=$((root_mib + 200)) part_mib=$(( (root_mib + 200) * 2 + 150 ))
  truncate -s "${image_mib}M" "$a/recovery.img" && mkfs.ext2 -q -F -L COS_SYSTEM "$a/recovery.img"
  fill "$a/recovery.img" "$tmp/"
  mkdir -p "$mnt"/{run,dev,boot,usr/local,oem,proc,sys,tmp}
  umount "$mnt"
  rm -rf "$tmp"
  mkdir -p "$a/recovery/cOS" "$a/recovery/etc/cos"
  mv "$a/recovery.img" "$a/recovery/cOS/recovery.img"
  cp "$root/etc/cos/grub.cfg" "$a/recovery/etc/cos/grub.cfg"
  truncate -s "${part_mib}M" "$a/recovery_partition.img" && mkfs.ext2 -q -F -L COS_RECOVERY "$a/recovery_partition.img"
  fill "$a/recovery_partition.img" "$a/recovery/"
  umount "$mnt"
  rm -rf "$a/recovery"
  truncate -s 64M "$a/oem.img" && mkfs.ext2 -q -F -L COS_OEM "$a/oem.img"
  fill "$a/oem.img" "$work/borrowed-oem/"
  umount "$mnt"
  # the disk: 1 MiB head, 1 MiB BIOS boot partition, OEM, RECOVERY, 1 MiB tail, copied in full (as io.Copy does)
  truncate -s 2M "$a/head.img" && truncate -s 1M "$a/tail.img"
  cat "$a/head.img" "$a/oem.img" "$a/recovery_partition.img" "$a/tail.img" >"$a/naive.raw"
  rm -f "$a/head.img" "$a/tail.img" "$a/oem.img" "$a/recovery_partition.img"
  printf 'label: gpt\nstart=2048, size=2048, type=21686148-6449-6E6F-744E-656564454649, name="bios"\nsize=%d, type=0FC63DAF-8483-4772-8E79-3D69D8477DE4, name="oem"\nsize=%d, type=0FC63DAF-8483-4772-8E79-3D69D8477DE4, name="recovery"\n' \
    $((64 * 2048)) $((part_mib * 2048)) | sfdisk -q "$a/naive.raw"
  # the disk and its RECOVERY on loop devices (AuroraBoot: losetup + kpartx; here partition scanning gives no
  # partition devices inside a container, so RECOVERY gets a loop device of its own at its offset)
  local disk part
  disk=$(losetup --find --show "$a/naive.raw") && echo "$disk" >>"$loops"
  part=$(losetup --find --show --offset $(( (2048 + 2048 + 64 * 2048) * 512 )) --sizelimit $((part_mib * mib)) "$a/naive.raw") && echo "$part" >>"$loops"
  mount "$part" "$mnt"
  grub-install --target=i386-pc --boot-directory="$mnt/grub2" --modules="part_gpt ext2" "$disk"
  umount "$mnt"
  losetup -d "$part" "$disk"
}
mkdir -p "$work/a"
read -r a_time a_disk < <(measure naive)
a_size=$(stat -c %s "$work/a/naive.raw")
budget=$(( b_size + ${b_recovery:-0} * 1024 * 1024 ))

printf '%-34s %14s %14s %8s\n' "" "naive" "build-disk" "ratio"
printf '%-34s %14.1f %14.1f %8.2f\n' "wall time (s)" "$a_time" "$b_time" "$(awk "BEGIN { print $b_time / $a_time }")"
printf '%-34s %14d %14d %8.2f\n' "disk size (bytes)" "$a_size" "$b_size" "$(awk "BEGIN { print $b_size / $a_size }")"
printf '%-34s %14d %14d %8.2f\n' "peak extra disk (bytes)" "$a_disk" "$b_disk" "$(awk "BEGIN { print $b_disk / $a_disk }")"
printf '%-34s %14s %14d %8.2f\n' "target: disk + recovery.img (bytes)" "" "$budget" "$(awk "BEGIN { print $b_disk / $budget }")"
printf '{"naive_s":%s,"ours_s":%s,"time_ratio":%s,"naive_raw":%d,"ours_raw":%d,"naive_disk":%d,"ours_disk":%d,"disk_ratio":%s,"disk_budget":%d}\n' \
  "$a_time" "$b_time" "$(awk "BEGIN { print $b_time / $a_time }")" "$a_size" "$b_size" \
  "$a_disk" "$b_disk" "$(awk "BEGIN { print $b_disk / $a_disk }")" "$budget"
