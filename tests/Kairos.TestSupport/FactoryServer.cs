using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;

namespace Kairos.TestSupport;

/// <summary>
/// A real <c>kairos-factory serve</c> process on 127.0.0.1 (a free port unless given) with its own data dir, its output
/// captured; killed with its whole process tree on dispose. The tests' one way to start a real server (a browser or a
/// restart cannot use the in-memory TestServer).
/// </summary>
public sealed class FactoryServer : IDisposable, IAsyncDisposable
{
    private readonly Process _process;
    private readonly List<string> _lines = [];
    private readonly string? _scratch;
    private bool _disposed;

    /// <summary>Starts the server on a free port; <paramref name="arguments"/> are more <c>serve</c> options.</summary>
    public FactoryServer(string dataDir, params string[] arguments)
        : this(FreePort(), dataDir, arguments)
    {
    }

    /// <summary>On a given port (e.g. one the test holds, to see the server refuse it).</summary>
    public FactoryServer(int port, string dataDir, params string[] arguments)
        : this(port, dataDir, ["serve", "--listen", $"127.0.0.1:{port}", "--data-dir", dataDir, .. arguments], scratch: null)
    {
    }

    private FactoryServer(int port, string dataDir, IEnumerable<string> commandLine, string? scratch, string? serverDll = null)
    {
        Port = port;
        DataDir = dataDir;
        _scratch = scratch;
        var start = new ProcessStartInfo(Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") is { Length: > 0 } host ? host : "dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in new[] { serverDll ?? ServerDll() }.Concat(commandLine))
        {
            start.ArgumentList.Add(argument);
        }

        _process = Process.Start(start)!;
        _process.OutputDataReceived += Append;
        _process.ErrorDataReceived += Append;
        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();
        Client = new HttpClient { BaseAddress = new Uri(BaseUrl) };
    }

    /// <summary>With the whole command line after the program (e.g. AuroraBoot's <c>web --address …</c>); <paramref name="port"/> is where it listens.</summary>
    public static FactoryServer WithCommandLine(int port, string dataDir, params string[] commandLine) => new(port, dataDir, commandLine, scratch: null);

    /// <summary>
    /// <c>serve</c> from a given kairos-factory.dll on a free port (the load bench runs the build it is pointed at);
    /// <paramref name="arguments"/> are more <c>serve</c> options.
    /// </summary>
    public static FactoryServer FromDll(string serverDll, string dataDir, params string[] arguments)
    {
        var port = FreePort();
        return new(port, dataDir, ["serve", "--listen", $"127.0.0.1:{port}", "--data-dir", dataDir, .. arguments], scratch: null, serverDll);
    }

    public int Port { get; }

    public int ProcessId => _process.Id;

    public string BaseUrl => $"http://127.0.0.1:{Port}";

    public Uri BaseAddress => new(BaseUrl);

    public string DataDir { get; }

    /// <summary>No token unless <see cref="Authorize"/> was called.</summary>
    public HttpClient Client { get; }

    /// <summary>The token the server generated into its data dir on first start.</summary>
    public string Token => File.ReadAllText(Path.Combine(DataDir, "secrets", "api-token")).Trim();

    /// <summary>Reads the token file and sends it with every request of <see cref="Client"/>.</summary>
    public void Authorize() =>
        Client.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", Token);

    public bool HasExited => _process.HasExited;

    public int ExitCode => _process.ExitCode;

    public string Output
    {
        get
        {
            lock (_lines)
            {
                return string.Concat(_lines.Select(line => line + Environment.NewLine));
            }
        }
    }

    /// <summary>How many output lines the server has written so far.</summary>
    public int LineCount
    {
        get
        {
            lock (_lines)
            {
                return _lines.Count;
            }
        }
    }

    /// <summary>The server's output lines from <paramref name="start"/> on (its request log among them).</summary>
    public IReadOnlyList<string> LinesFrom(int start)
    {
        lock (_lines)
        {
            return _lines[start..];
        }
    }

    /// <summary>
    /// Starts a server in <paramref name="scratch"/> (a new temporary directory unless given): its data dir and podman
    /// store below it, removed (mounts first) on dispose with whatever else the caller put there; waits until it is ready.
    /// </summary>
    /// <param name="kairosStages">The kairos-stages the pipeline runs (the real binary, or a test fixture script).</param>
    /// <param name="builder">The server's default builder.</param>
    /// <param name="workers">Builds running at once.</param>
    /// <param name="arguments">More <c>serve</c> options.</param>
    /// <param name="scratch">A fixed directory instead of a new one (the README's screenshots show paths under one).</param>
    public static async Task<FactoryServer> StartAsync(string kairosStages, string builder, int workers = 2, IReadOnlyList<string>? arguments = null, string? scratch = null)
    {
        scratch ??= Directory.CreateTempSubdirectory("kairos-factory-browser-").FullName;
        string[] all =
        [
            "--workers", workers.ToString(CultureInfo.InvariantCulture), "--builder", builder, "--kairos-stages", kairosStages,
            "--podman-root", Path.Combine(scratch, "podman"), .. arguments ?? [],
        ];
        var port = FreePort();
        var data = Path.Combine(scratch, "data");
        var server = new FactoryServer(port, data, ["serve", "--listen", $"127.0.0.1:{port}", "--data-dir", data, .. all], scratch);
        try
        {
            await server.WaitReadyAsync(TimeSpan.FromSeconds(90));
        }
        catch
        {
            await server.DisposeAsync();
            throw;
        }

        return server;
    }

    /// <summary>Waits until /readyz says ready (start-up recovery done); throws with the server's output when it exits or the time is up.</summary>
    public Task WaitReadyAsync(TimeSpan timeout) => WaitForOkAsync("/api/v1/readyz", "ready", timeout);

    /// <summary>Waits until /healthz answers (the process listens; /readyz may still say not ready, e.g. on a full disk).</summary>
    public Task WaitAnsweringAsync(TimeSpan timeout) => WaitForOkAsync("/api/v1/healthz", "answering", timeout);

    private async Task WaitForOkAsync(string path, string what, TimeSpan timeout)
    {
        using var probe = new HttpClient { BaseAddress = Client.BaseAddress, Timeout = TimeSpan.FromSeconds(5) };
        var deadline = DateTime.UtcNow + timeout;
        while (true)
        {
            if (_process.HasExited)
            {
                throw new InvalidOperationException($"kairos-factory exited with {_process.ExitCode} before it was {what}:\n{Output}");
            }

            try
            {
                using var response = await probe.GetAsync(new Uri(path, UriKind.Relative));
                if (response.StatusCode == HttpStatusCode.OK)
                {
                    return;
                }
            }
            catch (Exception e) when (e is HttpRequestException or TaskCanceledException)
            {
                // not listening yet, or a slow start on a busy machine
            }

            if (DateTime.UtcNow >= deadline)
            {
                throw new TimeoutException($"kairos-factory was not {what} within {timeout.TotalSeconds:0} s:\n{Output}");
            }

            await Task.Delay(200);
        }
    }

    /// <summary>The server's resident memory now (VmRSS), in bytes.</summary>
    public long ResidentBytes()
    {
        var line = File.ReadLines($"/proc/{_process.Id}/status").First(text => text.StartsWith("VmRSS:", StringComparison.Ordinal));
        return long.Parse(line.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1], CultureInfo.InvariantCulture) * 1024;
    }

    /// <summary>SIGKILL to the server alone: its children are left behind, as when a machine's OOM killer or an operator kills it.</summary>
    public void KillServerOnly()
    {
        _process.Kill(entireProcessTree: false);
        _process.WaitForExit();
    }

    /// <summary>SIGTERM, as systemd or an operator stops the server; true when it exits within <paramref name="timeout"/>.</summary>
    public async Task<bool> TerminateAsync(TimeSpan timeout)
    {
        Programs.Run("kill", "-TERM", _process.Id.ToString(CultureInfo.InvariantCulture));
        return await WaitForExitAsync(timeout);
    }

    /// <summary>True when the server exits by itself within <paramref name="timeout"/> (its output is then complete).</summary>
    public async Task<bool> WaitForExitAsync(TimeSpan timeout)
    {
        using var deadline = new CancellationTokenSource(timeout);
        try
        {
            await _process.WaitForExitAsync(deadline.Token);
            return true;
        }
        catch (OperationCanceledException)
        {
            return false;
        }
    }

    /// <summary>
    /// The server the tests start: the test fixture program beside the tests when the test project carries it
    /// (kairos-factory-fixture.dll: the real server plus the test-only <c>fixture</c> builder), else kairos-factory.dll
    /// beside the tests (a test project that references the Factory), else the Factory's own Release build.
    /// </summary>
    public static string ServerDll()
    {
        if (File.Exists(Path.Combine(AppContext.BaseDirectory, "kairos-factory-fixture.runtimeconfig.json")))
        {
            return Path.Combine(AppContext.BaseDirectory, "kairos-factory-fixture.dll");
        }

        var here = Path.Combine(AppContext.BaseDirectory, "kairos-factory.dll");
        return File.Exists(Path.Combine(AppContext.BaseDirectory, "kairos-factory.runtimeconfig.json"))
            ? here
            : Path.GetFullPath(Path.Combine(AppContext.BaseDirectory, "../../../../../src/Kairos.Factory/bin/Release/net10.0/kairos-factory.dll"));
    }

    public static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    public ValueTask DisposeAsync()
    {
        Dispose();
        return ValueTask.CompletedTask;
    }

    public void Dispose()
    {
        if (_disposed)
        {
            return;
        }

        _disposed = true;
        Client.Dispose();
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            _process.WaitForExit();
        }

        _process.Dispose();
        if (_scratch is not null)
        {
            // podman bind-mounts its overlay directory onto itself in the private store: undo it (deepest first) before deleting
            foreach (var mountPoint in Kairos.Stages.Target.Platform.MountTable.MountsUnder(_scratch).OrderByDescending(point => point.Length))
            {
                Programs.Try(["umount", "-l", mountPoint]);
            }

            Directory.Delete(_scratch, recursive: true);
        }
    }

    private void Append(object? sender, DataReceivedEventArgs line)
    {
        if (line.Data is null)
        {
            return;
        }

        lock (_lines)
        {
            _lines.Add(line.Data);
        }
    }
}
