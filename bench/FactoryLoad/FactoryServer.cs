using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace Kairos.Bench.FactoryLoad;

/// <summary>A real <c>kairos-factory serve</c> on 127.0.0.1 (a free port) with its own data dir; its output drained to a file; killed with its children on dispose.</summary>
public sealed class FactoryServer : IDisposable
{
    private readonly Process _process;
    private readonly StreamWriter _log;
    private readonly List<string> _lines = [];

    public FactoryServer(string serverDll, string dataDir, string stagesBinary, int workers)
    {
        DataDir = dataDir;
        Port = FreePort();
        LogPath = Path.Combine(dataDir, "..", "server.log");
        _log = new StreamWriter(LogPath) { AutoFlush = true };
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var argument in new[]
        {
            serverDll, "serve", "--listen", $"127.0.0.1:{Port}", "--data-dir", dataDir, "--workers", workers.ToString(),
            "--builder", "chroot", "--kairos-stages", stagesBinary,
            // the load is all from 127.0.0.1 and seeds 1,000 jobs at once: lift the per-client and queue caps that
            // protect a real server, so the bench measures throughput, not the limits
            "--max-queued", "100000", "--max-connections-per-client", "100000",
            "--max-log-followers", "10000", "--max-log-followers-per-client", "10000",
        })
        {
            start.ArgumentList.Add(argument);
        }

        _process = Process.Start(start) ?? throw new InvalidOperationException("could not start the server");
        _process.OutputDataReceived += (_, line) => Write(line.Data);
        _process.ErrorDataReceived += (_, line) => Write(line.Data);
        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();
        BaseAddress = new Uri($"http://127.0.0.1:{Port}");
    }

    public string DataDir { get; }

    public int Port { get; }

    public Uri BaseAddress { get; }

    public string LogPath { get; }

    public int ProcessId => _process.Id;

    /// <summary>The token the server generated into its data dir on first start.</summary>
    public string Token => File.ReadAllText(Path.Combine(DataDir, "secrets", "api-token")).Trim();

    public async Task WaitReadyAsync(TimeSpan timeout)
    {
        using var client = new HttpClient { BaseAddress = BaseAddress, Timeout = TimeSpan.FromSeconds(5) };
        var deadline = DateTime.UtcNow + timeout;
        while (DateTime.UtcNow < deadline)
        {
            if (_process.HasExited)
            {
                throw new InvalidOperationException($"the server exited with {_process.ExitCode}; see {LogPath}");
            }

            try
            {
                using var response = await client.GetAsync(new Uri("/api/v1/readyz", UriKind.Relative));
                if (response.StatusCode == HttpStatusCode.OK)
                {
                    return;
                }
            }
            catch (HttpRequestException)
            {
                // not listening yet
            }

            await Task.Delay(200);
        }

        throw new TimeoutException($"the server was not ready within {timeout}; see {LogPath}");
    }

    private void Write(string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (_log)
        {
            _log.WriteLine(line);
            _lines.Add(line);
        }
    }

    /// <summary>How many output lines the server has written so far.</summary>
    public int LineCount
    {
        get
        {
            lock (_log)
            {
                return _lines.Count;
            }
        }
    }

    /// <summary>The server's output lines from <paramref name="start"/> on (its request log among them).</summary>
    public IReadOnlyList<string> LinesFrom(int start)
    {
        lock (_log)
        {
            return _lines[start..];
        }
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    public void Dispose()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            _process.WaitForExit();
        }

        _process.Dispose();
        lock (_log)
        {
            _log.Dispose();
        }
    }
}
