using Kairos.Stages.FrontEnd.Model;

namespace Kairos.Stages.Engine.Planning;

/// <summary>A loaded stage file and where it came from.</summary>
public sealed record PlanSource(StageFile File, SourceKind Kind);
