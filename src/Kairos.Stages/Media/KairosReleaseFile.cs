using Kairos.Stages.Target.Context;

namespace Kairos.Stages.Media;

/// <summary>The KEY=value pairs of an image's <c>/etc/kairos-release</c> (quotes removed).</summary>
public sealed class KairosReleaseFile(IReadOnlyDictionary<string, string> values)
{
    public IReadOnlyDictionary<string, string> Values { get; } = values;

    public string Get(string key) => Values.TryGetValue(key, out var value) ? value : "";

    public static KairosReleaseFile Parse(string text) => new(KeyValueFile.Parse(text));

    /// <summary>
    /// AuroraBoot's name: <c>kairos-FLAVOR-FLAVOR_RELEASE-VARIANT-ARCH-MODEL-VERSION</c>, plus
    /// <c>-PREFIXSOFTWARE_VERSION</c> for a standard image, plus <c>.YYYYMMDD</c> with <c>--date</c>.
    /// </summary>
    public string IsoBaseName(string arch, DateTime? date)
    {
        var name = $"kairos-{Get("KAIROS_FLAVOR")}-{Get("KAIROS_FLAVOR_RELEASE")}-{Get("KAIROS_VARIANT")}-{arch}-{Get("KAIROS_MODEL")}-{Get("KAIROS_VERSION")}";
        if (Get("KAIROS_SOFTWARE_VERSION") is { Length: > 0 } software)
        {
            name += $"-{Get("KAIROS_SOFTWARE_VERSION_PREFIX")}{software}";
        }

        return date is { } day ? $"{name}.{day:yyyyMMdd}" : name;
    }
}
