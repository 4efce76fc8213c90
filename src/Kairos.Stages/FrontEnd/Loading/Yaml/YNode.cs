using Kairos.Stages.FrontEnd.Diagnostics;

namespace Kairos.Stages.FrontEnd.Loading.Yaml;

/// <summary>A YAML node with its source position; aliases are resolved to the anchored node.</summary>
public abstract class YNode(SourceSpan start)
{
    public SourceSpan Start { get; } = start;

    /// <summary>Nodes in this subtree counting alias expansions, to bound "billion laughs" inputs.</summary>
    public long Weight { get; init; } = 1;

    /// <summary>Nesting height of this subtree (a scalar is 0).</summary>
    public int Height { get; init; }

    /// <summary>A short name of the node's shape for messages ("a string", "a list", "a map").</summary>
    public abstract string Describe();
}
