namespace Kairos.Stages.Target.Platform;

/// <summary>What a command did: exit code, merged output, and how long it took.</summary>
public sealed record CommandResult(int ExitCode, string Output, TimeSpan Duration)
{
    public bool Succeeded => ExitCode == 0;

    /// <summary>True when the command was killed because its timeout ran out (the exit code is then 124).</summary>
    public bool TimedOut { get; init; }

    /// <summary>The last <paramref name="lines"/> lines of output, for error messages.</summary>
    public string Tail(int lines = 20)
    {
        var all = Output.TrimEnd('\n').Split('\n');
        return string.Join('\n', all.Skip(Math.Max(0, all.Length - lines)));
    }
}
