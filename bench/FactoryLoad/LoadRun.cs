using System.Diagnostics;

namespace Kairos.Bench.FactoryLoad;

/// <summary>
/// The timed window: pollers (a build's status, then a page of the list, in turn, with a pause
/// between requests), log followers over SSE (in turn: a finished build's log replayed to its
/// <c>end</c> event, then a pause as a reader would take, and the newest build followed live to
/// its end), and one submitter creating a slow build now and then so there are live logs to
/// follow. Each client has its own connection.
/// </summary>
public sealed class LoadRun(Uri baseAddress, string token, IReadOnlyList<string> finishedIds, Latencies latencies)
{
    public const string Status = "status GET /builds/{id}";
    public const string List = "list GET /builds?limit=50&offset=…";
    public const string ReplayFirst = "logs SSE replay: first event";
    public const string ReplayWhole = "logs SSE replay: to end event";
    public const string LiveFirst = "logs SSE newest build, live: first event";
    public const string Create = "create POST /builds";

    /// <summary>A follower's pause after a replayed log, as a reader's; a live follow lasts as long as its build.</summary>
    public static readonly TimeSpan ReadingPause = TimeSpan.FromSeconds(1);

    private string? _newest;
    private long _liveLines;
    private long _liveFollows;

    /// <summary>Live follows that reached their build's end event, and the log lines they received.</summary>
    public (long Follows, long Lines) Live => (Interlocked.Read(ref _liveFollows), Interlocked.Read(ref _liveLines));

    public static IReadOnlyList<string> Kinds { get; } = [Status, List, ReplayFirst, ReplayWhole, LiveFirst, Create];

    public async Task RunAsync(int pollers, int followers, TimeSpan window, TimeSpan think, TimeSpan submitEvery, Func<CancellationToken, Task<string>> create)
    {
        using var stop = new CancellationTokenSource(window);
        using var hardStop = new CancellationTokenSource(window + TimeSpan.FromSeconds(30));
        var tasks = new List<Task>();
        tasks.AddRange(Enumerable.Range(0, pollers).Select(i => PollAsync(i, think, stop.Token)));
        tasks.AddRange(Enumerable.Range(0, followers).Select(i => FollowAsync(i, stop.Token, hardStop.Token)));
        tasks.Add(SubmitAsync(submitEvery, create, stop.Token));
        await Task.WhenAll(tasks);
    }

    // reads need the token (issue 25): every client sends it, as an operator's scripts do
    private HttpClient NewClient() =>
        new(new SocketsHttpHandler { MaxConnectionsPerServer = 1, PooledConnectionLifetime = Timeout.InfiniteTimeSpan })
        {
            BaseAddress = baseAddress,
            Timeout = TimeSpan.FromSeconds(30),
            DefaultRequestHeaders = { Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", token) },
        };

    private async Task PollAsync(int client, TimeSpan think, CancellationToken stop)
    {
        using var http = NewClient();
        var random = new Random(client);
        for (var turn = client; !stop.IsCancellationRequested; turn++)
        {
            var (kind, path) = turn % 2 == 0
                ? (Status, $"/api/v1/builds/{finishedIds[random.Next(finishedIds.Count)]}")
                : (List, $"/api/v1/builds?limit=50&offset={random.Next(0, finishedIds.Count - 50)}");
            await TimedGetAsync(http, kind, path);
            await Pause(think, stop);
        }
    }

    private async Task TimedGetAsync(HttpClient http, string kind, string path)
    {
        var clock = Stopwatch.StartNew();
        try
        {
            using var response = await http.GetAsync(new Uri(path, UriKind.Relative));
            var body = await response.Content.ReadAsByteArrayAsync();
            clock.Stop();
            if (!response.IsSuccessStatusCode || body.Length == 0)
            {
                latencies.Error(kind, $"{(int)response.StatusCode} on {path}");
                return;
            }

            latencies.Add(kind, clock.Elapsed);
        }
        catch (Exception e) when (e is HttpRequestException or TaskCanceledException or IOException)
        {
            latencies.Error(kind, $"{e.GetType().Name}: {e.Message} on {path}");
        }
    }

    private async Task FollowAsync(int client, CancellationToken stop, CancellationToken hardStop)
    {
        using var http = NewClient();
        http.Timeout = Timeout.InfiniteTimeSpan; // a live log lasts as long as its build; bounded by hardStop
        var random = new Random(1000 + client);
        for (var turn = client; !stop.IsCancellationRequested; turn++)
        {
            var live = turn % 2 == 1 && _newest is { } newest && await IsRunningAsync(http, newest) ? newest : null;
            var id = live ?? finishedIds[random.Next(finishedIds.Count)];
            await FollowOneAsync(http, id, live is not null, hardStop);
            if (live is null)
            {
                await Pause(ReadingPause, stop);
            }
        }
    }

    /// <summary>Live follows are timed on running builds only: a queued build's stream waits for its first line as long as the queue does.</summary>
    private static async Task<bool> IsRunningAsync(HttpClient http, string id)
    {
        try
        {
            var view = await http.GetStringAsync(new Uri($"/api/v1/builds/{id}", UriKind.Relative));
            return view.Contains("\"status\":\"running\"", StringComparison.Ordinal);
        }
        catch (HttpRequestException)
        {
            return false;
        }
    }

    private async Task FollowOneAsync(HttpClient http, string id, bool live, CancellationToken hardStop)
    {
        var first = live ? LiveFirst : ReplayFirst;
        var clock = Stopwatch.StartNew();
        try
        {
            using var response = await http.GetAsync(new Uri($"/api/v1/builds/{id}/logs", UriKind.Relative), HttpCompletionOption.ResponseHeadersRead, hardStop);
            if (!response.IsSuccessStatusCode)
            {
                latencies.Error(first, $"{(int)response.StatusCode} on logs of {id}");
                return;
            }

            using var reader = new StreamReader(await response.Content.ReadAsStreamAsync(hardStop));
            var sawData = false;
            while (await reader.ReadLineAsync(live ? hardStop : CancellationToken.None) is { } line)
            {
                if (live && line.StartsWith("data:", StringComparison.Ordinal))
                {
                    Interlocked.Increment(ref _liveLines);
                }

                if (!sawData && line.StartsWith("data:", StringComparison.Ordinal))
                {
                    sawData = true;
                    latencies.Add(first, clock.Elapsed);
                }

                if (line == "event: end")
                {
                    if (live)
                    {
                        Interlocked.Increment(ref _liveFollows);
                    }
                    else
                    {
                        latencies.Add(ReplayWhole, clock.Elapsed);
                    }

                    return;
                }
            }

            latencies.Error(first, $"the log stream of {id} ended without an end event");
        }
        catch (OperationCanceledException) when (hardStop.IsCancellationRequested)
        {
            // the window is over; a live follow cut here is not an error
        }
        catch (Exception e) when (e is HttpRequestException or IOException)
        {
            latencies.Error(first, $"{e.GetType().Name}: {e.Message} on logs of {id}");
        }
    }

    private async Task SubmitAsync(TimeSpan every, Func<CancellationToken, Task<string>> create, CancellationToken stop)
    {
        while (!stop.IsCancellationRequested)
        {
            var clock = Stopwatch.StartNew();
            try
            {
                _newest = await create(CancellationToken.None);
                latencies.Add(Create, clock.Elapsed);
            }
            catch (HttpRequestException e)
            {
                latencies.Error(Create, e.Message);
            }

            await Pause(every, stop);
        }
    }

    private static async Task Pause(TimeSpan delay, CancellationToken stop)
    {
        try
        {
            await Task.Delay(delay, stop);
        }
        catch (OperationCanceledException)
        {
            // the window is over
        }
    }
}
