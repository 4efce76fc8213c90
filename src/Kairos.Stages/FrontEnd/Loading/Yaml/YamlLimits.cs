namespace Kairos.Stages.FrontEnd.Loading.Yaml;

/// <summary>Bounds that keep hostile or broken input from exhausting the stack or memory.</summary>
public static class YamlLimits
{
    public const int MaxDepth = 64;
    public const int MaxScalarLength = 1024 * 1024;
    public const int MaxFileLength = 16 * 1024 * 1024;

    /// <summary>Nodes after alias expansion; far above any real stage file, far below a "billion laughs".</summary>
    public const long MaxWeight = 1_000_000;
}
