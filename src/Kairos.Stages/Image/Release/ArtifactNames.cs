namespace Kairos.Stages.Image.Release;

/// <summary>
/// The one naming of a build's artifacts, as AuroraBoot names them: every file of one build shares the stem
/// <c>kairos-FLAVOR-FLAVOR_RELEASE-VARIANT-ARCH-MODEL-VERSION</c> read from the image's <c>/etc/kairos-release</c>
/// (plus <c>-PREFIXSOFTWARE_VERSION</c> for a standard image, plus <c>.YYYYMMDD</c> when dated), and each output kind
/// adds its suffix.
/// </summary>
public static class ArtifactNames
{
    /// <summary>Output kind ⇒ what follows the stem in its file name.</summary>
    public static IReadOnlyDictionary<string, string> Suffixes { get; } = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        ["iso"] = ".iso",
        ["uki-iso"] = "-uki.iso",
        ["raw_efi"] = ".raw",
        ["raw_bios"] = "-bios.raw",
        ["vhd"] = ".raw.vhd",
        ["gce"] = ".raw.gce.tar.gz",
        ["maas"] = ".raw.gz",
        ["netboot"] = "-netboot.tar",
        ["uki"] = "-uki.tar",
        ["uki-container"] = "-uki.oci.tar",
        ["oci"] = ".oci.tar",
        ["rootfs"] = ".rootfs.tar",
    };

    /// <summary>The stem from kairos-release's values (a missing key reads empty); <paramref name="arch"/> is the build's architecture.</summary>
    public static string Stem(IReadOnlyDictionary<string, string> release, string arch, DateTime? date)
    {
        string Get(string key) => release.TryGetValue(key, out var value) ? value : "";
        var name = $"kairos-{Get("KAIROS_FLAVOR")}-{Get("KAIROS_FLAVOR_RELEASE")}-{Get("KAIROS_VARIANT")}-{arch}-{Get("KAIROS_MODEL")}-{Get("KAIROS_VERSION")}";
        if (Get("KAIROS_SOFTWARE_VERSION") is { Length: > 0 } software)
        {
            name += $"-{Get("KAIROS_SOFTWARE_VERSION_PREFIX")}{software}";
        }

        return date is { } day ? $"{name}.{day:yyyyMMdd}" : name;
    }

    /// <summary>The file name of output <paramref name="kind"/> (a key of <see cref="Suffixes"/>) of the build named <paramref name="stem"/>.</summary>
    public static string Of(string stem, string kind) =>
        Suffixes.TryGetValue(kind, out var suffix) ? stem + suffix : throw new ArgumentOutOfRangeException(nameof(kind), kind, "not an output kind");
}
