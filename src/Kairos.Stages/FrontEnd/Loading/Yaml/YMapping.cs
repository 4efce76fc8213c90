using Kairos.Stages.FrontEnd.Diagnostics;

namespace Kairos.Stages.FrontEnd.Loading.Yaml;

/// <summary>A mapping with its entries in source order (merge keys already applied).</summary>
public sealed class YMapping(SourceSpan start, IReadOnlyList<YEntry> entries) : YNode(start)
{
    public IReadOnlyList<YEntry> Entries { get; } = entries;

    public YEntry? Find(string key) => Entries.FirstOrDefault(e => e.Key.Value == key);

    public override string Describe() => "a map";
}
