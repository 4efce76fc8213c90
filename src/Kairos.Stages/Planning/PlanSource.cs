using Kairos.Stages.Model;

namespace Kairos.Stages.Planning;

/// <summary>A loaded stage file and where it came from.</summary>
public sealed record PlanSource(StageFile File, SourceKind Kind);
