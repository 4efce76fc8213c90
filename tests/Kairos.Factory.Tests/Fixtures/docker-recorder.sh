#!/bin/sh
# TEST FIXTURE standing in for docker (no daemon here): records one buildx call — its arguments, one a
# line, and a copy of the build context — into $KF_BUILDX_RECORD, and writes a stand-in output: for
# type=oci a one-layer OCI archive, for type=tar a root tarball, for type=local a media export (a stand-in
# live ISO, and a stand-in disk for each build-disk line of the Dockerfile), each holding a kairos-release as the
# fixture kairos-stages writes it: version v1.0.0, the architecture of --platform, the model of the init line.
set -e
n=$(ls "$KF_BUILDX_RECORD" | wc -l)
call="$KF_BUILDX_RECORD/call-$n"
mkdir -p "$call"
for argument in "$@"; do printf '%s\n' "$argument" >> "$call/args"; done
for argument in "$@"; do context="$argument"; done
cp -r "$context" "$call/context"

work=$(mktemp -d)
mkdir -p "$work/root/etc" "$work/oci/blobs/sha256"
arch=amd64 previous=
for argument in "$@"; do [ "$previous" = --platform ] && arch="${argument#linux/}"; previous="$argument"; done
model=$(grep -o '"--stage","init",.*"--model","[^"]*"' "$context/Dockerfile" | sed 's/.*"--model","//; s/"$//')
printf 'KAIROS_FLAVOR=fixture\nKAIROS_FLAVOR_RELEASE=1\nKAIROS_VARIANT=core\nKAIROS_MODEL=%s\nKAIROS_ARCH=%s\nKAIROS_VERSION=v1.0.0\n' "${model:-generic}" "$arch" > "$work/root/etc/kairos-release"
blob() { digest=$(sha256sum "$1" | cut -d' ' -f1); size=$(stat -c %s "$1"); mv "$1" "$work/oci/blobs/sha256/$digest"; }
for argument in "$@"; do
  case "$argument" in
    type=oci,dest=*)
      tar -C "$work/root" -cf "$work/layer" etc && blob "$work/layer" && layer="$digest" layer_size="$size"
      printf '{"architecture":"amd64","os":"linux","rootfs":{"type":"layers","diff_ids":["sha256:%s"]}}' "$layer" > "$work/config" && blob "$work/config" && config="$digest" config_size="$size"
      printf '{"schemaVersion":2,"mediaType":"application/vnd.oci.image.manifest.v1+json","config":{"mediaType":"application/vnd.oci.image.config.v1+json","digest":"sha256:%s","size":%s},"layers":[{"mediaType":"application/vnd.oci.image.layer.v1.tar","digest":"sha256:%s","size":%s}]}' \
        "$config" "$config_size" "$layer" "$layer_size" > "$work/manifest" && blob "$work/manifest"
      printf '{"schemaVersion":2,"manifests":[{"mediaType":"application/vnd.oci.image.manifest.v1+json","digest":"sha256:%s","size":%s}]}' "$digest" "$size" > "$work/oci/index.json"
      printf '{"imageLayoutVersion":"1.0.0"}' > "$work/oci/oci-layout"
      tar -C "$work/oci" -cf "${argument#*,dest=}" oci-layout index.json blobs ;;
    type=tar,dest=*) tar -C "$work/root" -cf "${argument#*,dest=}" etc ;;
    type=local,dest=*)
      # the media target's /out: the image's kairos-release, a stand-in live ISO and a stand-in for each disk
      dest="${argument#*,dest=}" && mkdir -p "$dest/iso" && cp "$work/root/etc/kairos-release" "$dest/" && printf 'stand-in ISO\n' > "$dest/iso/live.iso"
      for disk in $(grep -o '"build-disk","dir:/rootfs","--output","/out/disk-[a-z_]*"' "$context/Dockerfile" | sed 's/.*"\/out\///; s/"$//'); do
        mkdir -p "$dest/$disk" && printf 'stand-in disk\n' > "$dest/$disk/stand-in.raw"
      done ;;
  esac
done
rm -rf "$work"
