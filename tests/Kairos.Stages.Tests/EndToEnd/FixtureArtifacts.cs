using System.Formats.Tar;
using System.IO.Compression;
using System.Text;
using Kairos.Stages.Rendering;
using Kairos.Stages.Rendering.Functions;

namespace Kairos.Stages.Tests.EndToEnd;

/// <summary>
/// Stand-ins for the pinned release artifacts (no GitHub here): for each artifact in
/// stages/data/artifacts.yaml, a tar.gz named like the release file holding a small executable
/// script named like the real binary, so an offline build (--artifacts-dir) installs it.
/// </summary>
internal static class FixtureArtifacts
{
    /// <summary>What the stand-in immucore prints, with the kernel command line, when the initrd runs it (the live ISO boot test looks for it).</summary>
    public const string ImmucoreMarker = "KS-IMMUCORE-STANDIN cmdline:";

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
                ? $"#!/bin/sh\necho \"immucore fixture $*\"\necho \"{ImmucoreMarker} $(cat /proc/cmdline 2>/dev/null)\"\n"
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
