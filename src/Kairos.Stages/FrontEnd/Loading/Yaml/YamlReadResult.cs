using Kairos.Stages.FrontEnd.Diagnostics;

namespace Kairos.Stages.FrontEnd.Loading.Yaml;

/// <summary>The first document's root (null when empty or unreadable) and what went wrong reading it.</summary>
public sealed record YamlReadResult(YNode? Root, IReadOnlyList<Diagnostic> Diagnostics, bool Failed);
