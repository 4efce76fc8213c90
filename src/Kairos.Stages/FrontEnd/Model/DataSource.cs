namespace Kairos.Stages.FrontEnd.Model;

/// <summary>The <c>datasource</c> key (boot time only).</summary>
public sealed record DataSource
{
    public IReadOnlyList<string> Providers { get; init; } = [];
    public string Path { get; init; } = "";
    public string UserdataName { get; init; } = "";
}
