namespace Kairos.Stages.Engine.Planning;

/// <summary>A kairos-init step name with no stage file of its own: what <c>--skip-steps</c> skips for it, and its description.</summary>
public sealed record StepAlias(string Name, string Skips, string Description);
