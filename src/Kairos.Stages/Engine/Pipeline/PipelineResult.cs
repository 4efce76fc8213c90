using Kairos.Stages.Engine.Planning;
using Kairos.Stages.FrontEnd.Diagnostics;

namespace Kairos.Stages.Engine.Pipeline;

/// <summary>A prepared run, or the diagnostics and errors that stop it before anything executes.</summary>
public sealed record PipelineResult(PreparedRun? Run, IReadOnlyList<Diagnostic> Diagnostics, IReadOnlyList<string> Errors)
{
    public bool Success => Run is not null;
}
