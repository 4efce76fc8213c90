namespace Kairos.Stages.FrontEnd.Loading.Yaml;

/// <summary>One key/value pair of a mapping; <see cref="Merged"/> marks pairs brought in by <c>&lt;&lt;:</c>.</summary>
public sealed record YEntry(YScalar Key, YNode Value, bool Merged);
