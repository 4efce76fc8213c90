using System.Text;

namespace Kairos.Stages.FrontEnd.Sources;

/// <summary>Queries every <see cref="IStageSource"/> answers the same way: stage templates, data files, text.</summary>
public static class StageSourceExtensions
{
    public const string PackagesDataPath = "data/packages.yaml";

    /// <summary>True for a stage template: a <c>.yaml</c> file outside <c>data/</c>, <c>assets/</c>, <c>iso/</c> (build-iso's data), <c>uki/</c> (build-uki's) and <c>disk/</c> (build-disk's).</summary>
    public static bool IsStageTemplate(string relativePath) =>
        relativePath.EndsWith(".yaml", StringComparison.Ordinal)
        && !relativePath.StartsWith("data/", StringComparison.Ordinal)
        && !relativePath.StartsWith("assets/", StringComparison.Ordinal)
        && !relativePath.StartsWith("iso/", StringComparison.Ordinal)
        && !relativePath.StartsWith("uki/", StringComparison.Ordinal)
        && !relativePath.StartsWith("disk/", StringComparison.Ordinal);

    /// <summary>The stage templates, in ordinal path order; an IOException names a listed file that cannot be read (a dangling link).</summary>
    public static IReadOnlyList<StageTemplate> ListStages(this IStageSource source) =>
        [.. source.ListFiles()
            .Where(IsStageTemplate)
            .Order(StringComparer.Ordinal)
            .Select(path => new StageTemplate(path, source.ReadText(path) ?? throw new IOException($"{source.DisplayPath(path)}: cannot read it (a dangling link?)"))
            {
                DisplayPath = source.DisplayPath(path),
            })];

    /// <summary>The text of one file (UTF-8), or null when missing.</summary>
    public static string? ReadText(this IStageSource source, string relativePath)
    {
        using var stream = source.OpenRead(relativePath);
        if (stream is null)
        {
            return null;
        }

        using var reader = new StreamReader(stream, Encoding.UTF8);
        return reader.ReadToEnd();
    }
}
