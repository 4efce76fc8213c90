using Kairos.Stages.FrontEnd.Sources;

namespace Kairos.Stages.FrontEnd.Rendering.Functions;

/// <summary>Files under <c>stages/assets/</c>, read verbatim (never rendered by Scriban) for templates to embed.</summary>
public sealed class AssetLibrary(IStageSource source)
{
    public const string Root = "assets/";

    /// <summary>The text of <c>stages/assets/&lt;path&gt;</c>; a missing asset is an error.</summary>
    public string Read(string path)
    {
        using var stream = source.OpenRead(Root + path)
            ?? throw new ArgumentException($"asset: stages/{Root}{path} does not exist");
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }

    /// <summary>Paths relative to <c>stages/assets/&lt;dir&gt;/</c>, ordinal order; an empty or missing directory is an error.</summary>
    public IReadOnlyList<string> List(string dir)
    {
        var prefix = Root + dir.TrimEnd('/') + "/";
        var files = source.ListFiles()
            .Where(f => f.StartsWith(prefix, StringComparison.Ordinal))
            .Select(f => f[prefix.Length..])
            .Order(StringComparer.Ordinal)
            .ToList();
        return files.Count > 0 ? files : throw new ArgumentException($"assets: stages/{prefix} holds no files");
    }
}
