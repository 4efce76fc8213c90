using Kairos.Stages.Image.Release;
using Kairos.Stages.Target.Context;

namespace Kairos.Stages.Media;

/// <summary>The KEY=value pairs of an image's <c>/etc/kairos-release</c> (quotes removed).</summary>
public sealed class KairosReleaseFile(IReadOnlyDictionary<string, string> values)
{
    public IReadOnlyDictionary<string, string> Values { get; } = values;

    public string Get(string key) => Values.TryGetValue(key, out var value) ? value : "";

    public static KairosReleaseFile Parse(string text) => new(KeyValueFile.Parse(text));

    /// <summary>The stem of every artifact's name (<see cref="ArtifactNames.Stem"/>), plus <c>.YYYYMMDD</c> with <c>--date</c>.</summary>
    public string IsoBaseName(string arch, DateTime? date) => ArtifactNames.Stem(Values, arch, date);
}
