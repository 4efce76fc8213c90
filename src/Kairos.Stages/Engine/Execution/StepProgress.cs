using Kairos.Stages.Engine.Planning;
using Kairos.Stages.Engine.Progress;

namespace Kairos.Stages.Engine.Execution;

/// <summary>Where a running step is: how long it has run, the work counted so far, and its last output line.</summary>
public sealed record StepProgress(PlanEntry Entry, TimeSpan Elapsed, WorkProgress? Work, string? Line);
