using System.Formats.Tar;
using System.IO.Compression;
using System.Text;
using Kairos.Stages.FrontEnd.Rendering.Functions;
using Kairos.Stages.FrontEnd.Sources;

namespace Kairos.TestSupport;

/// <summary>
/// Stand-ins for the pinned release artifacts (no GitHub here): for each artifact in
/// stages/data/artifacts.yaml, a tar.gz named like the release file holding a small executable
/// script named like the real binary, so an offline build (--artifacts-dir) installs it.
/// </summary>
public static class FixtureArtifacts
{
    /// <summary>What the stand-in immucore prints, with the kernel command line, when the initrd runs it (the live ISO boot test looks for it).</summary>
    public const string ImmucoreMarker = "KS-IMMUCORE-STANDIN cmdline:";

    /// <summary>What the stand-in immucore prints (to the kernel log, so every console) when it has set up a disk boot's image.</summary>
    public const string DiskMarker = "KS-IMMUCORE-STANDIN disk:";

    /// <summary>
    /// The stand-in's share of immucore's disk boot, for the raw disk boot tests: with <c>cos-img/filename=</c> on the
    /// command line it writes the boot-state sentinel, mounts the state (or recovery) partition read-only and attaches
    /// the image on a loop device, whose file system label (COS_SYSTEM, COS_ACTIVE) dracut's root= waits for. The real
    /// immucore also sets up the overlays and runs the rootfs and initramfs stages; the recovery system here stays read-only.
    /// </summary>
    private const string DiskRoot = $$"""
        read -r cmdline < /proc/cmdline
        img=""
        for arg in $cmdline; do
          case "$arg" in cos-img/filename=*) img="${arg#cos-img/filename=}" ;; esac
        done
        if [ -n "$img" ]; then
          case " $cmdline " in
            *COS_RECOVERY*|*COS_SYSTEM*|*recovery-mode*) label=COS_RECOVERY; mode=recovery_mode ;;
            *) label=COS_STATE; mode=active_mode ;;
          esac
          mkdir -p /run/cos /run/initramfs/cos-state
          echo 1 > /run/cos/$mode
          n=0
          while [ ! -e /dev/disk/by-label/$label ] && [ $n -lt 60 ]; do sleep 1; n=$((n+1)); done
          mount -o ro /dev/disk/by-label/$label /run/initramfs/cos-state
          loop=$(losetup -f -r --show "/run/initramfs/cos-state$img")
          echo "{{DiskMarker}} $label $img $loop $mode" > /dev/kmsg
        fi

        """;

    public static string Create(string arch = "amd64")
    {
        var directory = Directory.CreateTempSubdirectory("ks-artifacts-").FullName;
        var catalog = ArtifactCatalog.Parse(new EmbeddedStageSource().ReadText(ArtifactCatalog.DataPath)!);
        foreach (var name in catalog.Names)
        {
            var artifact = catalog.Resolve(name, arch, fips: false);
            if (artifact.Url.Length == 0)
            {
                continue;
            }

            var fileName = Uri.UnescapeDataString(artifact.Url[(artifact.Url.LastIndexOf('/') + 1)..]);
            var script = Encoding.UTF8.GetBytes(name == "immucore"
                ? $"#!/bin/sh\necho \"immucore fixture $*\"\necho \"{ImmucoreMarker} $(cat /proc/cmdline 2>/dev/null)\"\n{DiskRoot}"
                : $"#!/bin/sh\necho \"{name} fixture $*\"\n");
            var target = Path.Combine(directory, fileName);
            if (artifact.Extract.Length == 0)
            {
                File.WriteAllBytes(target, script);
                continue;
            }

            using var file = File.Create(target);
            using var gzip = new GZipStream(file, CompressionLevel.Fastest);
            using var tar = new TarWriter(gzip);
            var entry = new PaxTarEntry(TarEntryType.RegularFile, artifact.Extract)
            {
                DataStream = new MemoryStream(script),
                Mode = (UnixFileMode)0x1ED,
            };
            tar.WriteEntry(entry);
        }

        return directory;
    }
}
