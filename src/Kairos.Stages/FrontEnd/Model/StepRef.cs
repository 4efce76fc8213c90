using Kairos.Stages.FrontEnd.Diagnostics;

namespace Kairos.Stages.FrontEnd.Model;

/// <summary>An <c>after: [{name: …}]</c> entry.</summary>
public sealed record StepRef(string Name, SourceSpan Location);
