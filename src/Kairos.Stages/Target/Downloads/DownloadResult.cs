namespace Kairos.Stages.Target.Downloads;

/// <summary>A completed download: the file's host path, its sha256 (lower-case hex) and where it came from (network, cache, offline).</summary>
public sealed record DownloadResult(string Path, string Sha256, string Source);
