namespace Kairos.Stages.Image.Checks;

/// <summary>One input of the checks (model, variant, provider, trusted boot, family) and where it came from.</summary>
/// <param name="Name">model, variant, provider, trusted-boot or family.</param>
/// <param name="Value">The value the checks use (empty: none).</param>
/// <param name="Source">flag, kairos-release, os-release or default.</param>
public sealed record ResolvedInput(string Name, string Value, string Source);
