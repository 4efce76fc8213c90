namespace Kairos.Stages.FrontEnd.Model;

/// <summary>The <c>systemctl</c> key.</summary>
public sealed record Systemctl
{
    public IReadOnlyList<string> Enable { get; init; } = [];
    public IReadOnlyList<string> Disable { get; init; } = [];
    public IReadOnlyList<string> Start { get; init; } = [];
    public IReadOnlyList<string> Mask { get; init; } = [];
    public IReadOnlyList<SystemctlOverride> Overrides { get; init; } = [];
}
