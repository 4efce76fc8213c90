using Kairos.Factory.Builders;
using Kairos.Stages.Image.Release;
using Kairos.Stages.Media;

namespace Kairos.Factory.Jobs;

/// <summary>
/// Names a job's files as every other artifact of it is named (<see cref="ArtifactNames"/>, from the built image's
/// kairos-release): the builder's archives (<c>oci</c>, <c>rootfs</c>) are written before that file is read, so
/// they are renamed here, read straight from the builder's SOURCE without unpacking it.
/// </summary>
public static class ArtifactNaming
{
    /// <summary>The stem of the artifacts of the image in <paramref name="source"/> (dir:, ocifile:, or rootfs: a root tarball).</summary>
    public static string Stem(string source, string architecture)
    {
        var text = (source.StartsWith("rootfs:", StringComparison.Ordinal)
                ? ImageFileReader.ReadFromRootArchive(source["rootfs:".Length..], "etc/kairos-release")
                : ImageFileReader.Read(source, "etc/kairos-release"))
            ?? throw new StepFailedException("artifacts: the built image has no /etc/kairos-release (its artifacts are named from it)");
        return StemOfRelease(text, architecture);
    }

    /// <summary>The stem of the artifacts of an image whose /etc/kairos-release reads <paramref name="text"/>.</summary>
    public static string StemOfRelease(string text, string architecture)
    {
        var release = KairosReleaseFile.Parse(text).Values;
        // never a name with an architecture the image was not built for (an engine without --platform, or without
        // emulation, builds for its own)
        if (release.TryGetValue("KAIROS_ARCH", out var built) && built.Length > 0 && built != architecture)
        {
            throw new StepFailedException($"artifacts: the build asked for {architecture} but the image was built for {built} (its /etc/kairos-release says KAIROS_ARCH={built})");
        }

        return ArtifactNames.Stem(release, architecture, null);
    }

    /// <summary>
    /// The builder's SOURCE, or, when the engine exported no root (a build asking only for <c>oci</c> and
    /// <c>rootfs</c>), the builder's own archive of the image: the OCI archive, else the root tarball.
    /// </summary>
    private static string ReadableSource(string source, string[] unnamed)
    {
        if (!source.StartsWith("dir:", StringComparison.Ordinal) || Directory.Exists(source["dir:".Length..]))
        {
            return source;
        }

        var oci = unnamed.FirstOrDefault(file => file.EndsWith(ArtifactNames.Suffixes["oci"], StringComparison.Ordinal));
        var rootfs = unnamed.FirstOrDefault(file => file.EndsWith(ArtifactNames.Suffixes["rootfs"], StringComparison.Ordinal));
        return oci is not null ? "ocifile:" + oci : rootfs is not null ? "rootfs:" + rootfs : source;
    }

    /// <summary>Renames the builder's unnamed outputs in <paramref name="context"/>'s output dir after the image in <paramref name="source"/>.</summary>
    public static void NameBuilderOutputs(BuildJobContext context, string source)
    {
        var unnamed = Directory.GetFiles(context.OutputDir, BuildJobContext.Unnamed + ".*");
        if (unnamed.Length == 0)
        {
            return;
        }

        var stem = Stem(ReadableSource(source, unnamed), context.Spec.Architecture);
        foreach (var file in unnamed)
        {
            var suffix = Path.GetFileName(file)[BuildJobContext.Unnamed.Length..];
            var kind = ArtifactNames.Suffixes.FirstOrDefault(pair => pair.Value == suffix).Key
                ?? throw new StepFailedException($"artifacts: a builder wrote '{Path.GetFileName(file)}', which is no output kind");
            File.Move(file, Path.Combine(context.OutputDir, ArtifactNames.Of(stem, kind)));
        }
    }
}
