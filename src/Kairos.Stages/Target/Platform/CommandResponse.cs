using System.Text.RegularExpressions;

namespace Kairos.Stages.Target.Platform;

/// <summary>A programmed answer of a <see cref="RecordingTarget"/>: scripts matching the pattern get this exit code and output, after an optional side effect on the root.</summary>
public sealed record CommandResponse(Regex Pattern, int ExitCode, string Output)
{
    /// <summary>Runs before the answer, e.g. to create the files a real package manager would.</summary>
    public Action<CommandRequest, IRootFileSystem>? SideEffect { get; init; }
}
