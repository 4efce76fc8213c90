using System.Text.RegularExpressions;

namespace Kairos.Stages.Target.Platform;

/// <summary>
/// A target for tests and dry runs: a real <see cref="RootFileSystem"/> on a directory (a fresh
/// temporary one, deleted on dispose, unless one is given), and commands that are recorded, not
/// run. Each command answers exit 0 with no output unless a programmed
/// <see cref="CommandResponse"/> matches it (the most recently added match wins). Commands and
/// changes made through <see cref="Files"/> go to one ordered <see cref="Journal"/>.
/// </summary>
public sealed class RecordingTarget : ITarget, IDisposable
{
    private readonly Lock _gate = new();
    private readonly List<RecordedCommand> _commands = [];
    private readonly List<JournalEntry> _journal = [];
    private readonly List<CommandResponse> _responses = [];
    private readonly bool _ownsRoot;

    /// <param name="root">The directory to act on; null makes a temporary one that dispose removes.</param>
    public RecordingTarget(string? root = null)
    {
        _ownsRoot = root is null;
        Root = root is null ? Directory.CreateTempSubdirectory("ks-recording-").FullName : Path.GetFullPath(root);
        Files = new RecordingFileSystem(new RootFileSystem(Root), Append);
    }

    public string Root { get; }

    public IRootFileSystem Files { get; }

    /// <summary>Every command received so far, in order.</summary>
    public IReadOnlyList<RecordedCommand> Commands
    {
        get
        {
            lock (_gate)
            {
                return [.. _commands];
            }
        }
    }

    /// <summary>Every command received and every change made through <see cref="Files"/> so far, in order.</summary>
    public IReadOnlyList<JournalEntry> Journal
    {
        get
        {
            lock (_gate)
            {
                return [.. _journal];
            }
        }
    }

    /// <summary>Scripts matching <paramref name="pattern"/> answer <paramref name="exitCode"/> and <paramref name="output"/> (lines go to OnOutput too).</summary>
    public RecordingTarget Respond(string pattern, int exitCode, string output = "") =>
        Respond(new CommandResponse(new Regex(pattern, RegexOptions.CultureInvariant), exitCode, output));

    public RecordingTarget Respond(CommandResponse response)
    {
        lock (_gate)
        {
            _responses.Add(response);
        }

        return this;
    }

    public Task<CommandResult> RunAsync(CommandRequest request, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        CommandResponse? response;
        lock (_gate)
        {
            var environment = new Dictionary<string, string>(request.Environment, StringComparer.Ordinal);
            _commands.Add(new RecordedCommand(request.Script, environment, request.Timeout));
            _journal.Add(new JournalEntry(JournalOperation.Run, request.Script) { Environment = environment });
            response = _responses.LastOrDefault(r => r.Pattern.IsMatch(request.Script));
        }

        response?.SideEffect?.Invoke(request, Files);
        var output = response?.Output ?? string.Empty;
        if (request.OnOutput is { } onOutput)
        {
            foreach (var line in output.Split('\n').SkipLast(output.EndsWith('\n') ? 1 : 0).Where(_ => output.Length > 0))
            {
                onOutput(line);
            }
        }

        return Task.FromResult(new CommandResult(response?.ExitCode ?? 0, output, TimeSpan.Zero));
    }

    public void Dispose()
    {
        if (_ownsRoot && Directory.Exists(Root))
        {
            new RootFileSystem(Path.GetDirectoryName(Root)!).Delete("/" + Path.GetFileName(Root));
        }
    }

    private void Append(JournalEntry entry)
    {
        lock (_gate)
        {
            _journal.Add(entry);
        }
    }
}
