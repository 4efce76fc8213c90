using Kairos.Stages.FrontEnd.Diagnostics;

namespace Kairos.Stages.FrontEnd.Model;

/// <summary>One <c>stages.&lt;name&gt;</c> list.</summary>
public sealed record StageBlock(string Stage, SourceSpan Location, IReadOnlyList<Step> Steps);
