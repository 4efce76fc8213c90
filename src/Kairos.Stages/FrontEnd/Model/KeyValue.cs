using Kairos.Stages.FrontEnd.Diagnostics;

namespace Kairos.Stages.FrontEnd.Model;

/// <summary>One entry of a string map (environment, sysctl, timesyncd, …), in source order.</summary>
public sealed record KeyValue(string Key, string Value, SourceSpan Location);
