namespace Kairos.Factory.Api;

/// <summary>A stored base tarball: pass its id as <c>base_upload</c>.</summary>
public sealed record UploadCreated(string Id, long Size, string Sha256);
