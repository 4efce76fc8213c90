using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace Kairos.Factory.Tests.Support;

/// <summary>A real <c>kairos-factory serve</c> process on 127.0.0.1 (a free port), its output captured; killed on dispose.</summary>
internal sealed class ServerProcess : IDisposable
{
    private readonly Process _process;
    private readonly StringBuilder _output = new();

    public ServerProcess(string dataDir, params string[] extra)
        : this(FreePort(), dataDir, extra)
    {
    }

    /// <summary>On a given port (e.g. one the test holds, to see the server refuse it).</summary>
    public ServerProcess(int port, string dataDir, params string[] extra)
        : this(port, dataDir, ["serve", "--listen", $"127.0.0.1:{port}", "--data-dir", dataDir, .. extra], wholeCommandLine: true)
    {
    }

    private ServerProcess(int port, string dataDir, string[] commandLine, bool wholeCommandLine)
    {
        _ = wholeCommandLine;
        Port = port;
        DataDir = dataDir;
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var argument in new[] { ServerDll() }.Concat(commandLine))
        {
            start.ArgumentList.Add(argument);
        }

        _process = Process.Start(start)!;
        _process.OutputDataReceived += (_, line) => { lock (_output) { _output.AppendLine(line.Data); } };
        _process.ErrorDataReceived += (_, line) => { lock (_output) { _output.AppendLine(line.Data); } };
        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();
        Client = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{Port}") };
    }

    /// <summary>With the whole command line after the program (e.g. AuroraBoot's <c>web --address …</c>); <paramref name="port"/> is where it listens.</summary>
    public static ServerProcess WithCommandLine(int port, string dataDir, params string[] commandLine) => new(port, dataDir, commandLine, wholeCommandLine: true);

    public int Port { get; }

    public string DataDir { get; }

    /// <summary>Reads the token file and sends it with every request of <see cref="Client"/>.</summary>
    public void Authorize() =>
        Client.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", File.ReadAllText(Path.Combine(DataDir, "secrets", "api-token")).Trim());

    public bool HasExited => _process.HasExited;

    /// <summary>The server's resident memory now (VmRSS), in bytes.</summary>
    public long ResidentBytes()
    {
        var line = File.ReadLines($"/proc/{_process.Id}/status").First(text => text.StartsWith("VmRSS:", StringComparison.Ordinal));
        return long.Parse(line.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1], System.Globalization.CultureInfo.InvariantCulture) * 1024;
    }

    public HttpClient Client { get; }

    public string Output
    {
        get
        {
            lock (_output)
            {
                return _output.ToString();
            }
        }
    }

    /// <summary>Waits until /readyz says ready (start-up recovery done).</summary>
    public async Task WaitReadyAsync(TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (true)
        {
            Assert.False(_process.HasExited, "the server exited: " + Output);
            try
            {
                using var response = await Client.GetAsync("/api/v1/readyz");
                if (response.StatusCode == HttpStatusCode.OK)
                {
                    return;
                }
            }
            catch (HttpRequestException)
            {
                // not listening yet
            }

            Assert.True(DateTime.UtcNow < deadline, "the server never became ready: " + Output);
            await Task.Delay(200);
        }
    }

    /// <summary>Waits until /healthz answers (the process listens; /readyz may still say not ready, e.g. on a full disk).</summary>
    public async Task WaitAnsweringAsync(TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (true)
        {
            Assert.False(_process.HasExited, "the server exited: " + Output);
            try
            {
                using var response = await Client.GetAsync("/api/v1/healthz");
                if (response.StatusCode == HttpStatusCode.OK)
                {
                    return;
                }
            }
            catch (HttpRequestException)
            {
                // not listening yet
            }

            Assert.True(DateTime.UtcNow < deadline, "the server never answered: " + Output);
            await Task.Delay(200);
        }
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
        using (var kill = Process.Start("kill", ["-TERM", _process.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)]))
        {
            await kill.WaitForExitAsync();
        }

        return await WaitForExitAsync(timeout);
    }

    public int ExitCode => _process.ExitCode;

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

    public static string ServerDll()
    {
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

    private bool _disposed;

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
    }
}
