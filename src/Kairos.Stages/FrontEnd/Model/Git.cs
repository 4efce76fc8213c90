namespace Kairos.Stages.FrontEnd.Model;

/// <summary>The <c>git</c> key (boot time only here).</summary>
public sealed record Git
{
    public string Url { get; init; } = "";
    public string Path { get; init; } = "";
    public string Branch { get; init; } = "";
    public bool BranchOnly { get; init; }
    public GitAuth? Auth { get; init; }
}
