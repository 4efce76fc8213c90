using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Kairos.Factory.Api;

namespace Kairos.Factory.Tests.Support;

/// <summary>A Factory on the test server with its own data dir and a known token; deleted on dispose.</summary>
internal sealed class FactoryHost : IDisposable
{
    public const string Token = "test-token-0123456789";

    private readonly TestFactory _factory;

    public FactoryHost(Func<FactoryOptions, FactoryOptions>? configure = null, string? dataDir = null)
    {
        DataDir = dataDir ?? Directory.CreateTempSubdirectory("kf-test-").FullName;
        var options = new FactoryOptions
        {
            DataDir = DataDir,
            Token = Token,
            DefaultBuilder = "fixture",
            KairosStagesBinary = Fixture("stages-ok.sh"),
            // the fixture runs natively whatever the image's architecture (ForeignArchitectureTests relies on it)
            ForeignBinaries = new Dictionary<string, string> { ["arm64"] = Fixture("stages-ok.sh") },
            Podman = "podman",
            RetentionSweep = TimeSpan.FromHours(1),
        };
        Options = configure?.Invoke(options) ?? options;
        _factory = new TestFactory(Options);
        Anonymous = _factory.CreateClient();
        Client = _factory.CreateClient();
        Client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", Token);
        Authorized = _factory.CreateClient();
        Authorized.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", Token);
    }

    public string DataDir { get; }

    public FactoryOptions Options { get; }

    /// <summary>No token.</summary>
    public HttpClient Anonymous { get; }

    /// <summary>Sends the token (reads need it too unless the server runs with --public-read).</summary>
    public HttpClient Client { get; }

    /// <summary>Sends the token.</summary>
    public HttpClient Authorized { get; }

    public IServiceProvider Services => _factory.Services;

    /// <summary>A WebSocket client of the in-memory server.</summary>
    public Microsoft.AspNetCore.TestHost.WebSocketClient WebSockets
    {
        get
        {
            var client = _factory.Server.CreateWebSocketClient();
            client.ConfigureRequest = request => request.Headers.Authorization = "Bearer " + Token;
            return client;
        }
    }

    public static string Fixture(string name) => Path.Combine(AppContext.BaseDirectory, "Fixtures", name);

    public static JsonSerializerOptions Json => FactoryJson.Options;

    public async Task<string> UploadAsync(byte[] tarball)
    {
        using var content = new ByteArrayContent(tarball);
        content.Headers.ContentType = new MediaTypeHeaderValue("application/x-tar");
        using var response = await Authorized.PostAsync("/api/v1/uploads", content);
        response.EnsureSuccessStatusCode();
        return (await response.Content.ReadFromJsonAsync<UploadCreated>(Json))!.Id;
    }

    public async Task<HttpResponseMessage> CreateAsync(object request, HttpClient? client = null) =>
        await (client ?? Authorized).PostAsJsonAsync("/api/v1/builds", request, Json);

    public async Task<string> CreateOkAsync(object request)
    {
        using var response = await CreateAsync(request);
        Assert.True(response.IsSuccessStatusCode, await response.Content.ReadAsStringAsync());
        return (await response.Content.ReadFromJsonAsync<BuildCreated>(Json))!.Id;
    }

    public async Task<JobView> GetAsync(string id) =>
        (await Authorized.GetFromJsonAsync<JobView>($"/api/v1/builds/{id}", Json))!;

    /// <summary>Polls until the build is in one of <paramref name="statuses"/> (fails after the timeout).</summary>
    public async Task<JobView> WaitForAsync(string id, TimeSpan timeout, params string[] statuses)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (true)
        {
            var job = await GetAsync(id);
            if (statuses.Contains(job.Status))
            {
                return job;
            }

            Assert.True(DateTime.UtcNow < deadline, $"build {id} is {job.Status} ({job.Message}), not {string.Join('/', statuses)}, after {timeout}");
            await Task.Delay(100);
        }
    }

    public void Dispose()
    {
        Anonymous.Dispose();
        Client.Dispose();
        Authorized.Dispose();
        _factory.Dispose();

        // pooled SQLite connections keep the store open; a test that unmounts the data dir needs them closed
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        if (Directory.Exists(Path.Combine(DataDir, "podman")))
        {
            // the podman builder's shared build store: its images and layers (rmi, not 'system reset', which also empties
            // /run/libpod under every other podman running at the time)
            Programs.Try(["podman", .. Builders.PodmanStorage.Shared(new FactoryOptions { DataDir = DataDir }), "rmi", "--all", "--force"]);
        }

        if (!File.ReadAllText("/proc/self/mountinfo").Contains(DataDir, StringComparison.Ordinal))
        {
            Directory.Delete(DataDir, recursive: true);
        }
    }
}
