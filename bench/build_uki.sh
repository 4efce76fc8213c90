#!/usr/bin/env bash
# build-uki against a naive AuroraBoot-style pipeline, on the same Trusted Boot root, in one run.
#   bash bench/build_uki.sh ROOT KEYS [BINARY]   ROOT: an image from 'kairos-stages run --root ROOT -t true';
#                                                 KEYS: a directory from 'kairos-stages genkey'
# (a) naive, as shell: copy the root into a temp dir (tar | tar, as AuroraBoot's dump of the source), add /init and the Kairos directories, delete /boot,
#     find | cpio | zstd (default level), systemd-measure calculate, objcopy the sections onto the stub,
#     sbsign the UKI and systemd-boot, dd + mformat + mcopy the efiboot.img, xorriso;
#     the small sections (.osrel .cmdline .uname .sbat .pcrpkey .pcrsig) are taken from (b)'s UKI;
# (b) kairos-stages build-uki dir:ROOT --output-type iso.
# Prints a table and, as its last line, the figures as JSON. Target (issue 27): (b) <= 0.5 x (a) wall time.
set -euo pipefail
cd "$(dirname "$0")/.."
root=$(realpath "${1:?usage: bench/build_uki.sh ROOT KEYS [BINARY]}")
keys=$(realpath "${2:?usage: bench/build_uki.sh ROOT KEYS [BINARY]}")
bin=$(realpath "${3:-out/linux-x64/kairos-stages}")
[ -x "$bin" ] || { echo "build_uki: $bin not found: run build/publish.sh first" >&2; exit 1; }
work=$(mktemp -d /var/tmp/ks-bench-uki-XXXXXX)
trap 'rm -rf "$work"' EXIT
now() { date +%s.%N; }
stub=/usr/lib/systemd/boot/efi/linuxx64.efi.stub

# both read the root: read it once first so neither pays for a cold page cache the other does not
find "$root" -xdev -type f -print0 | xargs -0 cat >/dev/null 2>&1 || true

mkdir -p "$work/b"
t0=$(now)
"$bin" build-uki "dir:$root" --keys "$keys" --output-type iso --output-dir "$work/b" --name ours >"$work/b.log" 2>&1 || { cat "$work/b.log" >&2; exit 1; }
b_time=$(awk "BEGIN { print $(now) - $t0 }")
b_size=$(stat -c %s "$work/b/ours.iso")
mkdir -p "$work/borrowed" && xorriso -osirrox on -indev "$work/b/ours.iso" -extract /efiboot.img "$work/borrowed/efiboot.img" >/dev/null 2>&1
mcopy -i "$work/borrowed/efiboot.img" ::EFI/kairos/norole.efi "$work/borrowed/norole.efi"
for s in osrel cmdline uname sbat pcrpkey pcrsig; do
  objcopy -O binary --only-section=.$s "$work/borrowed/norole.efi" "$work/borrowed/$s"
done

naive() {
  local tmp=$work/a/rootfs tree=$work/a/tree iso=$work/a/iso
  mkdir -p "$tmp" "$tree/EFI/BOOT" "$tree/EFI/kairos" "$tree/loader/entries" "$tree/loader/keys/auto" "$iso"
  tar -C "$root" --acls --xattrs --exclude ./proc --exclude ./sys --exclude ./dev --exclude ./tmp --exclude ./run -cf - . | tar -C "$tmp" --acls --xattrs -xpf -
  mkdir -p "$tmp"/{proc,sys,dev,tmp,run,oem,efi,usr/local/cloud-config}
  ln -sf /usr/bin/immucore "$tmp/init"
  cp "$tmp/boot/$(basename "$(readlink "$tmp/boot/vmlinuz")")" "$work/a/linux"   # the link is absolute inside the image
  rm -rf "$tmp/boot"
  (cd "$tmp" && find . | cpio -o -H newc --quiet | zstd -q -c >"$work/a/initrd")
  /usr/lib/systemd/systemd-measure calculate --linux="$work/a/linux" --osrel="$work/borrowed/osrel" --cmdline="$work/borrowed/cmdline" \
    --initrd="$work/a/initrd" --pcrpkey="$work/borrowed/pcrpkey" --bank=sha256 >/dev/null
  local vma=0x20000 args=()
  for s in osrel cmdline uname pcrpkey pcrsig; do args+=(--add-section ".$s=$work/borrowed/$s" --change-section-vma ".$s=$vma"); vma=$((vma + 0x10000)); done
  args+=(--add-section ".initrd=$work/a/initrd" --change-section-vma ".initrd=$vma")
  vma=$((vma + ($(stat -c %s "$work/a/initrd") + 0xfff) / 0x1000 * 0x1000))
  args+=(--add-section ".linux=$work/a/linux" --change-section-vma ".linux=$vma")
  objcopy "${args[@]}" "$stub" "$work/a/norole.unsigned.efi"
  sbsign --key "$keys/db.key" --cert "$keys/db.pem" --output "$tree/EFI/kairos/norole.efi" "$work/a/norole.unsigned.efi" 2>/dev/null
  sbsign --key "$keys/db.key" --cert "$keys/db.pem" --output "$tree/EFI/BOOT/BOOTX64.EFI" /usr/lib/systemd/boot/efi/systemd-bootx64.efi 2>/dev/null
  cp "$keys"/{PK,KEK,db}.auth "$tree/loader/keys/auto/"
  printf 'timeout 5\nsecure-boot-enroll manual\n' >"$tree/loader/loader.conf"
  printf 'title Kairos\nefi /EFI/kairos/norole.efi\n' >"$tree/loader/entries/norole.conf"
  local mb=$(( $(du -sb "$tree" | cut -f1) * 102 / 100 / 1048576 + 2 ))
  dd if=/dev/zero of="$iso/efiboot.img" bs=1M count=$((mb < 64 ? 64 : mb)) status=none
  mformat -i "$iso/efiboot.img" -F ::
  mcopy -s -i "$iso/efiboot.img" "$tree"/* ::
  xorriso -as mkisofs -V UKI_ISO_INSTALL -isohybrid-gpt-basdat -e efiboot.img -no-emul-boot -o "$work/a/naive.iso" "$iso" >/dev/null 2>&1
  sha256sum "$work/a/naive.iso" >"$work/a/naive.iso.sha256"
  rm -rf "$tmp"
}
mkdir -p "$work/a"
t0=$(now)
naive
a_time=$(awk "BEGIN { print $(now) - $t0 }")
a_size=$(stat -c %s "$work/a/naive.iso")

printf '%-20s %12s %12s %8s\n' "" "naive" "build-uki" "ratio"
printf '%-20s %12.1f %12.1f %8.2f\n' "wall time (s)" "$a_time" "$b_time" "$(awk "BEGIN { print $b_time / $a_time }")"
printf '%-20s %12d %12d %8.2f\n' "ISO size (bytes)" "$a_size" "$b_size" "$(awk "BEGIN { print $b_size / $a_size }")"
printf '{"naive_s":%s,"ours_s":%s,"time_ratio":%s,"naive_iso":%d,"ours_iso":%d,"size_ratio":%s}\n' \
  "$a_time" "$b_time" "$(awk "BEGIN { print $b_time / $a_time }")" "$a_size" "$b_size" "$(awk "BEGIN { print $b_size / $a_size }")"
