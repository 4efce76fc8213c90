namespace Kairos.Factory.Store;

/// <summary>One file a build produced: its name in the job's artifact directory, size, sha256 and what it is.</summary>
public sealed record ArtifactRecord(string Name, long Size, string Sha256, string Description);
