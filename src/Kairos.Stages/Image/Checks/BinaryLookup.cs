namespace Kairos.Stages.Image.Checks;

/// <summary>What searching the root for one binary found.</summary>
/// <param name="Name">The binary name.</param>
/// <param name="Kind">Found, not executable, dangling link or missing.</param>
/// <param name="Path">Where (root view) the best candidate is; null when missing.</param>
internal sealed record BinaryLookup(string Name, BinaryLookupKind Kind, string? Path);
