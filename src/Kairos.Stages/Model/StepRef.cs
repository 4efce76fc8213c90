using Kairos.Stages.Diagnostics;

namespace Kairos.Stages.Model;

/// <summary>An <c>after: [{name: …}]</c> entry.</summary>
public sealed record StepRef(string Name, SourceSpan Location);
