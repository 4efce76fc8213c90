using Kairos.Stages.FrontEnd.Diagnostics;

namespace Kairos.Stages.FrontEnd.Model;

/// <summary>One user's keys under <c>authorized_keys</c>.</summary>
public sealed record AuthorizedKeys(string User, IReadOnlyList<string> Keys, SourceSpan Location);
