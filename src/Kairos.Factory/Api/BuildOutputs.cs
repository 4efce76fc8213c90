namespace Kairos.Factory.Api;

/// <summary>The outputs a build makes.</summary>
public sealed record BuildOutputs(bool Iso, bool Oci, bool Rootfs);
