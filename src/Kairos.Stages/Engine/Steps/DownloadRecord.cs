namespace Kairos.Stages.Engine.Steps;

/// <summary>One file a download put in place: where from (credentials redacted), where to, and its sha256.</summary>
public sealed record DownloadRecord(string Url, string Path, string Sha256)
{
    /// <summary>How it was obtained: network, cache or offline (artifacts directory).</summary>
    public string Source { get; init; } = "network";
}
