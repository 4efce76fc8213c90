using Kairos.Stages.FrontEnd.Model;

namespace Kairos.Stages.FrontEnd.Lint;

/// <summary>What the semantic rules look at: the files checked together (one plan's worth) and their options.</summary>
public sealed record SemanticContext(IReadOnlyList<StageFile> Files, SemanticOptions Options)
{
    /// <summary>Every step with its file and stage, in file and document order.</summary>
    public IEnumerable<(StageFile File, StageBlock Block, Step Step)> Steps() =>
        from file in Files
        from block in file.Stages
        from step in block.Steps
        select (file, block, step);
}
