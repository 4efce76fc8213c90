namespace Kairos.Stages.FrontEnd.Model;

/// <summary>The <c>dns</c> key.</summary>
public sealed record Dns
{
    public IReadOnlyList<string> Nameservers { get; init; } = [];
    public IReadOnlyList<string> Search { get; init; } = [];
    public IReadOnlyList<string> Options { get; init; } = [];
    public string Path { get; init; } = "";
}
