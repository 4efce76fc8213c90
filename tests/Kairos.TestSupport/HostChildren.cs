namespace Kairos.TestSupport;

/// <summary>
/// Watches which programs a process starts on this host: every 100 ms it reads the direct children of
/// the process from /proc and records each one's executable (a child between fork and exec, still the
/// parent's executable, or in ProgramRunner's setsid before it execs the program, is not counted). A build step that runs for more than a moment on the host — build-iso,
/// mksquashfs, xorriso, skopeo, umoci — shows up; what an engine runs shows up as the engine's client, its parent.
/// </summary>
public sealed class HostChildren : IAsyncDisposable
{
    private readonly int _parentId;
    private readonly string? _parentExe;
    private readonly HashSet<string> _seen = new(StringComparer.Ordinal);
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _loop;

    public HostChildren(int parentId)
    {
        _parentId = parentId;
        _parentExe = Exe(parentId);
        _loop = Task.Run(LoopAsync);
    }

    /// <summary>The executables seen so far (full paths).</summary>
    public IReadOnlyCollection<string> Seen
    {
        get
        {
            lock (_seen)
            {
                return [.. _seen.Order(StringComparer.Ordinal)];
            }
        }
    }

    private async Task LoopAsync()
    {
        while (!_stop.IsCancellationRequested)
        {
            Sample();
            try
            {
                await Task.Delay(100, _stop.Token);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }

    private void Sample()
    {
        foreach (var directory in Directory.EnumerateDirectories("/proc"))
        {
            if (!int.TryParse(Path.GetFileName(directory), out var pid))
            {
                continue;
            }

            try
            {
                // field 4 of stat is the parent's ID; the command name (field 2) may hold spaces, so read after its ')'
                var stat = File.ReadAllText(Path.Combine(directory, "stat"));
                var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
                // setsid is ProgramRunner's own launcher (it makes the program lead a process group, then execs it in the same
                // process): seen only in the moment between the two execs, like the fork before it
                if (int.Parse(fields[1], System.Globalization.CultureInfo.InvariantCulture) != _parentId || Exe(pid) is not { } exe || exe == _parentExe || Path.GetFileName(exe) == "setsid")
                {
                    continue;
                }

                lock (_seen)
                {
                    _seen.Add(exe);
                }
            }
            catch (Exception exception) when (exception is IOException or UnauthorizedAccessException or FormatException or ArgumentOutOfRangeException or IndexOutOfRangeException)
            {
                // the process ended while it was read
            }
        }
    }

    private static string? Exe(int pid)
    {
        try
        {
            return new FileInfo($"/proc/{pid}/exe").LinkTarget;
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
        {
            return null;
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        await _loop;
        _stop.Dispose();
    }
}
