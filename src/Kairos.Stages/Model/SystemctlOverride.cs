using Kairos.Stages.Diagnostics;

namespace Kairos.Stages.Model;

/// <summary>A <c>systemctl.overrides[]</c> drop-in.</summary>
public sealed record SystemctlOverride(string Service, string Name, string Content, SourceSpan Location);
