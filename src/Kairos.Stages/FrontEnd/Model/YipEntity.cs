using Kairos.Stages.FrontEnd.Diagnostics;

namespace Kairos.Stages.FrontEnd.Model;

/// <summary>An <c>ensure_entities</c>/<c>delete_entities</c> entry: a file and a nested YAML entity document.</summary>
public sealed record YipEntity(string Path, string Entity, SourceSpan Location);
