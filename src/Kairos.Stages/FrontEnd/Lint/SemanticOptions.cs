namespace Kairos.Stages.FrontEnd.Lint;

/// <summary>Options of the semantic pass.</summary>
public sealed record SemanticOptions
{
    public static readonly SemanticOptions Default = new();

    /// <summary>Stage names to accept besides <see cref="StageNames.All"/>.</summary>
    public IReadOnlyList<string> ExtraStageNames { get; init; } = [];
}
