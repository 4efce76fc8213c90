using System.Diagnostics;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;

namespace Kairos.Bench.FactoryLoad;

/// <summary>Puts builds in the store through the API (upload one base, then POST builds) and waits for the workers to finish them.</summary>
public sealed class JobSeeder(HttpClient client)
{
    private string? _upload;

    public async Task UploadBaseAsync(byte[] tarball, CancellationToken cancellation)
    {
        using var content = new ByteArrayContent(tarball);
        content.Headers.ContentType = new MediaTypeHeaderValue("application/x-tar");
        using var response = await client.PostAsync(new Uri("/api/v1/uploads", UriKind.Relative), content, cancellation);
        response.EnsureSuccessStatusCode();
        using var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync(cancellation));
        _upload = body.RootElement.GetProperty("id").GetString();
    }

    /// <summary>Creates one fixture-builder build of the uploaded base; returns its id. The bench fixture makes version 2.0.0 a 20 s build.</summary>
    public async Task<string> CreateAsync(string version, CancellationToken cancellation)
    {
        var request = new { base_upload = _upload, version, architecture = "amd64", builder = "fixture", artifacts = new { rootfs = true } };
        using var response = await client.PostAsJsonAsync(new Uri("/api/v1/builds", UriKind.Relative), request, cancellation);
        if (!response.IsSuccessStatusCode)
        {
            throw new HttpRequestException($"create build: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync(cancellation)}");
        }

        using var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync(cancellation));
        return body.RootElement.GetProperty("id").GetString()!;
    }

    /// <summary>Creates <paramref name="count"/> builds, <paramref name="parallel"/> requests at a time.</summary>
    public async Task<List<string>> CreateManyAsync(int count, int parallel, CancellationToken cancellation)
    {
        var ids = new List<string>(count);
        var next = 0;
        await Task.WhenAll(Enumerable.Range(0, parallel).Select(async _ =>
        {
            while (Interlocked.Increment(ref next) <= count)
            {
                var id = await CreateAsync("1.0.0", cancellation);
                lock (ids)
                {
                    ids.Add(id);
                }
            }
        }));
        return ids;
    }

    /// <summary>Waits until no build is queued or running; prints the count left every 10 s.</summary>
    public async Task WaitAllFinishedAsync(TimeSpan timeout, CancellationToken cancellation)
    {
        var clock = Stopwatch.StartNew();
        var lastReport = TimeSpan.Zero;
        while (true)
        {
            var left = await TotalAsync("queued", cancellation) + await TotalAsync("running", cancellation);
            if (left == 0)
            {
                return;
            }

            if (clock.Elapsed > timeout)
            {
                throw new TimeoutException($"{left} builds still queued or running after {timeout}");
            }

            if (clock.Elapsed - lastReport >= TimeSpan.FromSeconds(10))
            {
                lastReport = clock.Elapsed;
                Console.Error.WriteLine($"  {left} builds left, {clock.Elapsed.TotalSeconds:F0} s");
            }

            await Task.Delay(1000, cancellation);
        }
    }

    public async Task<int> TotalAsync(string status, CancellationToken cancellation)
    {
        using var body = JsonDocument.Parse(await client.GetStringAsync(new Uri($"/api/v1/builds?status={status}&limit=1", UriKind.Relative), cancellation));
        return body.RootElement.GetProperty("total").GetInt32();
    }
}
