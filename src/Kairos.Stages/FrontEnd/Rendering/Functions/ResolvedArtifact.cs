using Scriban.Runtime;

namespace Kairos.Stages.FrontEnd.Rendering.Functions;

/// <summary>An artifact resolved for one build: concrete version, URL (empty when the arch has no release) and digest.</summary>
public sealed record ResolvedArtifact(string Name, string Version, string Url, string Sha256, string Extract, string Path, string Mode)
{
    /// <summary>The object templates see: <c>{name, version, url, sha256, extract, path, mode}</c>.</summary>
    public ScriptObject ToScriptObject() => new()
    {
        ["name"] = Name,
        ["version"] = Version,
        ["url"] = Url,
        ["sha256"] = Sha256,
        ["extract"] = Extract,
        ["path"] = Path,
        ["mode"] = Mode,
    };
}
