namespace Kairos.Stages.Media;

/// <summary>What build-iso wrote: the ISO, its <c>.sha256</c>, and the squashfs size.</summary>
public sealed record IsoResult(string IsoPath, string ChecksumPath, string Sha256, long SquashfsBytes);
