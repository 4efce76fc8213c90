using System.Runtime.InteropServices;

namespace Kairos.Stages.Target.Platform;

/// <summary>
/// Any root other than "/": commands run as <c>chroot ROOT /bin/sh -c script</c> with a clean
/// environment, inside a <see cref="MountSession"/> opened at the first command and undone on
/// dispose. SIGINT/SIGTERM while a command runs: the command is killed, the mounts undone and a
/// <see cref="TargetInterruptedException"/> carrying exit code 130/143 thrown. Between commands
/// (mounts up, nothing running): the mounts are undone in the handler and the signal then ends
/// the process as it normally would.
/// </summary>
public sealed class ChrootTarget : ITarget, IAsyncDisposable, IDisposable
{
    /// <summary>The PATH commands get inside the root.</summary>
    public const string SearchPath = "/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin";

    private static readonly string[] PassedThrough = ["http_proxy", "https_proxy", "no_proxy", "HTTP_PROXY", "HTTPS_PROXY", "NO_PROXY", SourceDateEpoch.VariableName];
    private readonly Lock _gate = new();
    private MountSession? _session;
    private SignalGuard? _signals;
    private bool _disposed;
    private int _running;

    public ChrootTarget(string root)
    {
        Root = Path.GetFullPath(root);
        if (!Directory.Exists(Root))
        {
            throw new DirectoryNotFoundException($"root {Root} does not exist");
        }

        Files = new RootFileSystem(Root);
    }

    public string Root { get; }

    public IRootFileSystem Files { get; }

    /// <summary>The mounts of the current run (null before the first command and after dispose).</summary>
    public MountSession? Mounts => _session;

    /// <summary>The signal that interrupted the run, if any.</summary>
    public PosixSignal? InterruptedBy => _signals?.Received;

    public async Task<CommandResult> RunAsync(CommandRequest request, CancellationToken cancellationToken)
    {
        var signals = Start();
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, signals.Token);
        Interlocked.Increment(ref _running);
        try
        {
            return await ProgramRunner.RunAsync(LocalTarget.Shell(HostTools.Require("chroot"), [Root, "/bin/sh"], request, Environment(request)), linked.Token);
        }
        catch (OperationCanceledException) when (signals.Received is { } signal)
        {
            Stop();
            throw new TargetInterruptedException(signal, signals.ExitCode ?? 143);
        }
        finally
        {
            Interlocked.Decrement(ref _running);
        }
    }

    /// <summary>The environment inside the root: the host's is dropped except proxies and SOURCE_DATE_EPOCH.</summary>
    public static IReadOnlyDictionary<string, string?> Environment(CommandRequest request)
    {
        var variables = System.Environment.GetEnvironmentVariables().Keys.Cast<string>()
            .Where(k => !PassedThrough.Contains(k, StringComparer.Ordinal))
            .ToDictionary(k => k, _ => (string?)null, StringComparer.Ordinal);
        variables["PATH"] = SearchPath;
        variables["HOME"] = "/root";
        variables["LANG"] = "C.UTF-8";
        foreach (var (key, value) in request.Environment)
        {
            variables[key] = value;
        }

        return variables;
    }

    public void Dispose()
    {
        lock (_gate)
        {
            _disposed = true;
            Stop();
            _signals?.Dispose();
        }
    }

    public ValueTask DisposeAsync()
    {
        Dispose();
        return ValueTask.CompletedTask;
    }

    private SignalGuard Start()
    {
        lock (_gate)
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            _signals ??= new SignalGuard(OnSignal);
            if (_signals.Received is null)
            {
                _session ??= MountSession.Open(Root);
                _session.EnsureDns();
            }

            return _signals;
        }
    }

    /// <summary>
    /// During a command: keep the process alive, the command is killed and RunAsync unwinds.
    /// Between commands: unmount here and now, then let the signal end the process as usual.
    /// </summary>
    private bool OnSignal(PosixSignal signal)
    {
        if (Volatile.Read(ref _running) > 0)
        {
            return true;
        }

        Stop();
        return false;
    }

    private void Stop()
    {
        lock (_gate)
        {
            var session = _session;
            _session = null;
            session?.Dispose();
        }
    }
}
