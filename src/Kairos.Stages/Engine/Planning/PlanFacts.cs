using Kairos.Stages.Target.Context;
using Kairos.Stages.Target.Platform;

namespace Kairos.Stages.Engine.Planning;

/// <summary>What the planner may decide conditions from: the build context and the root as it is before the run.</summary>
public sealed record PlanFacts(BuildContext Build, IRootFileSystem Root);
