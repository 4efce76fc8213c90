using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace Kairos.Factory.Browser.Tests.Support;

/// <summary>
/// A real <c>kairos-factory serve</c> process on 127.0.0.1 and a free port (a browser cannot reach an in-memory
/// TestServer), with its own data dir and podman store; killed with its whole process tree and removed on dispose.
/// </summary>
public sealed class FactoryProcess : IAsyncDisposable
{
    private readonly Process _process;
    private readonly StringBuilder _output;
    private readonly string _scratch;

    private FactoryProcess(Process process, StringBuilder output, string scratch, string baseUrl, string dataDir)
    {
        _process = process;
        _output = output;
        _scratch = scratch;
        BaseUrl = baseUrl;
        DataDir = dataDir;
    }

    public string BaseUrl { get; }

    public string DataDir { get; }

    /// <summary>The token the server generated into its data dir on first start.</summary>
    public string Token => File.ReadAllText(Path.Combine(DataDir, "secrets", "api-token")).Trim();

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

    /// <param name="kairosStages">The kairos-stages the pipeline runs (the real binary, or the test fixture script).</param>
    /// <param name="builder">The server's default builder.</param>
    /// <param name="workers">Builds running at once.</param>
    /// <param name="extraArguments">More <c>serve</c> options.</param>
    /// <param name="scratch">The directory holding its data dir and podman store (removed on dispose, with whatever else the caller put
    /// there), instead of a new temporary one: the README's screenshots show paths under a fixed one.</param>
    public static async Task<FactoryProcess> StartAsync(string kairosStages, string builder, int workers = 2, IReadOnlyList<string>? extraArguments = null, string? scratch = null)
    {
        scratch ??= Directory.CreateTempSubdirectory("kairos-factory-browser-").FullName;
        var dataDir = Path.Combine(scratch, "data");
        var port = FreePort();
        var server = Path.Combine(AppContext.BaseDirectory, "kairos-factory.dll");
        var start = new ProcessStartInfo(Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") is { Length: > 0 } host ? host : "dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in new[]
        {
            server, "serve", "--listen", $"127.0.0.1:{port}", "--data-dir", dataDir, "--workers", workers.ToString(),
            "--builder", builder, "--kairos-stages", kairosStages, "--podman-root", Path.Combine(scratch, "podman"),
        }.Concat(extraArguments ?? []))
        {
            start.ArgumentList.Add(argument);
        }

        var output = new StringBuilder();
        var process = new Process { StartInfo = start };
        void Append(object? sender, DataReceivedEventArgs line)
        {
            lock (output)
            {
                output.AppendLine(line.Data);
            }
        }

        process.OutputDataReceived += Append;
        process.ErrorDataReceived += Append;
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        var factory = new FactoryProcess(process, output, scratch, $"http://127.0.0.1:{port}", dataDir);
        try
        {
            await factory.WaitReadyAsync();
        }
        catch
        {
            await factory.DisposeAsync();
            throw;
        }

        return factory;
    }

    private async Task WaitReadyAsync()
    {
        using var http = new HttpClient { BaseAddress = new Uri(BaseUrl), Timeout = TimeSpan.FromSeconds(5) };
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(90);
        while (DateTime.UtcNow < deadline)
        {
            if (_process.HasExited)
            {
                throw new InvalidOperationException($"kairos-factory exited with {_process.ExitCode} before it was ready:\n{Output}");
            }

            try
            {
                using var response = await http.GetAsync(new Uri("/api/v1/readyz", UriKind.Relative));
                if (response.StatusCode == HttpStatusCode.OK)
                {
                    return;
                }
            }
            catch (HttpRequestException)
            {
                // not listening yet
            }
            catch (TaskCanceledException)
            {
                // slow start on a busy machine
            }

            await Task.Delay(200);
        }

        throw new TimeoutException($"kairos-factory was not ready within 90 s:\n{Output}");
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
        }

        _process.Dispose();

        // podman bind-mounts its overlay directory onto itself in the private store: undo it (deepest first) before deleting
        foreach (var mountPoint in File.ReadAllLines("/proc/self/mounts").Select(line => line.Split(' ')[1])
            .Where(point => point.StartsWith(_scratch + "/", StringComparison.Ordinal)).OrderByDescending(point => point.Length))
        {
            using var umount = Process.Start("umount", ["-l", mountPoint]);
            await umount.WaitForExitAsync();
        }

        Directory.Delete(_scratch, recursive: true);
    }
}
