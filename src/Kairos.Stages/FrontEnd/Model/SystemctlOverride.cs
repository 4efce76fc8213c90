using Kairos.Stages.FrontEnd.Diagnostics;

namespace Kairos.Stages.FrontEnd.Model;

/// <summary>A <c>systemctl.overrides[]</c> drop-in.</summary>
public sealed record SystemctlOverride(string Service, string Name, string Content, SourceSpan Location);
