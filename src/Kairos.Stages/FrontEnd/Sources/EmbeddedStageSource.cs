using System.Reflection;

namespace Kairos.Stages.FrontEnd.Sources;

/// <summary>The stage files embedded in the library as resources named <c>stages/&lt;relative path&gt;</c>.</summary>
public sealed class EmbeddedStageSource : IStageSource
{
    private const string Prefix = "stages/";
    private static readonly Assembly Library = typeof(EmbeddedStageSource).Assembly;

    public string Origin => "bundled";

    public IReadOnlyList<string> ListFiles() =>
        [.. Library.GetManifestResourceNames()
            .Where(name => name.StartsWith(Prefix, StringComparison.Ordinal))
            .Select(name => name[Prefix.Length..].Replace('\\', '/'))
            .Order(StringComparer.Ordinal)];

    public Stream? OpenRead(string relativePath) =>
        Library.GetManifestResourceStream(Prefix + relativePath.Replace('\\', '/'));

    public string DisplayPath(string relativePath) => Prefix + relativePath;
}
