namespace Kairos.Stages.Image.Release;

/// <summary>
/// The one naming of a build's artifacts, as AuroraBoot names them: every file of one build shares the stem
/// <c>kairos-FLAVOR-FLAVOR_RELEASE-VARIANT-ARCH-MODEL-VERSION</c> read from the image's <c>/etc/kairos-release</c>
/// (plus <c>-PREFIXSOFTWARE_VERSION</c> for a standard image, plus <c>.YYYYMMDD</c> when dated), and each output kind
/// adds its suffix.
/// </summary>
public static class ArtifactNames
{
    /// <summary>What <c>build-iso</c> and <c>build-uki</c>'s ISO append to the name they write.</summary>
    public const string Iso = ".iso";

    /// <summary>What marks a Trusted Boot artifact's name (before its file type): <c>kairos-…-uki.iso</c>, <c>kairos-…-uki.tar</c>.</summary>
    public const string Uki = "-uki";

    /// <summary>What <c>build-disk</c> appends to the name for a raw disk; its cloud formats add theirs after it.</summary>
    public const string Raw = ".raw";

    /// <summary>Azure's fixed VHD: the raw disk with a footer, named <c>NAME.raw.vhd</c>.</summary>
    public const string Vhd = ".vhd";

    /// <summary>GCE's archive of the raw disk, named <c>NAME.raw.gce.tar.gz</c>.</summary>
    public const string Gce = ".gce.tar.gz";

    /// <summary>MAAS's gzip of the raw disk, named <c>NAME.raw.gz</c>.</summary>
    public const string Maas = ".gz";

    /// <summary>A tar archive: build-uki's OCI container (<c>NAME-uki.tar</c>, as AuroraBoot names it).</summary>
    public const string Tar = ".tar";

    /// <summary>
    /// Output kind ⇒ what follows the stem in its file name when one build makes several (the Factory): each media
    /// command's own suffix, plus a part that keeps two outputs of one build apart (<c>-bios</c>, <c>.oci</c>).
    /// </summary>
    public static IReadOnlyDictionary<string, string> Suffixes { get; } = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        ["iso"] = Iso,
        ["uki-iso"] = Uki + Iso,
        ["raw_efi"] = Raw,
        ["raw_bios"] = "-bios" + Raw,
        ["vhd"] = Raw + Vhd,
        ["gce"] = Raw + Gce,
        ["maas"] = Raw + Maas,
        ["netboot"] = "-netboot" + Tar,
        ["uki"] = Uki + Tar,
        ["uki-container"] = Uki + ".oci" + Tar,
        ["oci"] = ".oci" + Tar,
        ["rootfs"] = ".rootfs" + Tar,
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
