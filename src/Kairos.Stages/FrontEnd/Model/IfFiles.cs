namespace Kairos.Stages.FrontEnd.Model;

/// <summary>The <c>if_files</c> condition: path lists under <c>any</c>, <c>all</c> and <c>none</c>.</summary>
public sealed record IfFiles
{
    public IReadOnlyList<string> Any { get; init; } = [];
    public IReadOnlyList<string> All { get; init; } = [];
    public IReadOnlyList<string> None { get; init; } = [];
}
