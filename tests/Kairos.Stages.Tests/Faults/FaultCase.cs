namespace Kairos.Stages.Tests.Faults;

/// <summary>
/// One fault: the body of the extension step named <c>fault</c> (between a step that brings the
/// mounts up and one that must never run), and what the run must show for it.
/// </summary>
internal sealed record FaultCase(string Name, string FaultBody)
{
    public const string FaultStep = "fault";

    /// <summary>The exact exit code expected (always non-zero).</summary>
    public int Exit { get; init; } = 1;

    /// <summary>Texts stderr must contain: the step, the URL without credentials, the path, the cause.</summary>
    public IReadOnlyList<string> Mentions { get; init; } = [];

    /// <summary>Texts that must appear neither on stderr nor in the run record (credentials).</summary>
    public IReadOnlyList<string> Secrets { get; init; } = [];

    /// <summary>A directory in the root that must gain no entry: no partial or temporary file.</summary>
    public string? Destination { get; init; }

    /// <summary>Put the root on a tmpfs of this many MiB (the file-system-full faults).</summary>
    public int? TmpfsMiB { get; init; }

    /// <summary>Extra setup of the root (its host path), e.g. a fake package manager.</summary>
    public Action<string>? Arrange { get; init; }

    /// <summary>INT or TERM: run the CLI as a child process and send this signal while the fault step's command runs.</summary>
    public string? Signal { get; init; }

    public string Yaml => $$"""
        stages:
          after-install:
            - name: mounts-up
              commands: ["true"]
            - name: {{FaultStep}}
        {{string.Join("\n", FaultBody.Split('\n').Select(line => "      " + line))}}
            - name: never
              commands: ["touch /tmp/never"]

        """;

    public override string ToString() => Name;
}
