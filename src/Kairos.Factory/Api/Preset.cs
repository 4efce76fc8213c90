namespace Kairos.Factory.Api;

/// <summary>A base image the page offers.</summary>
public sealed record Preset(string Name, string Image);
