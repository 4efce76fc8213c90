namespace Kairos.Stages.FrontEnd.Model;

/// <summary>The <c>packages</c> key.</summary>
public sealed record Packages
{
    public IReadOnlyList<string> Install { get; init; } = [];
    public IReadOnlyList<string> Remove { get; init; } = [];
    public bool Refresh { get; init; }
    public bool Upgrade { get; init; }
}
