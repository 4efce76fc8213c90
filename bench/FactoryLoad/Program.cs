using System.CommandLine;
using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Headers;
using Kairos.Bench.FactoryLoad;
using Kairos.TestSupport;

// Issue 18's load bench, on the test fixture server (kairos-factory plus the test-only 'fixture' builder, which unpacks
// the base and runs the stand-in stages; no engine). From the repository root:
//   dotnet build tests/FactoryFixtureServer -c Release && dotnet run -c Release --project bench/FactoryLoad
var serverDll = new Option<string>("--server") { Description = "kairos-factory-fixture.dll (a server with the fixture builder)", DefaultValueFactory = _ => "tests/FactoryFixtureServer/bin/Release/net10.0/kairos-factory-fixture.dll" };
var stages = new Option<string>("--stages") { Description = "the stand-in kairos-stages the builds run", DefaultValueFactory = _ => "bench/FactoryLoad/stages-bench.sh" };
var jobs = new Option<int>("--jobs") { Description = "builds put in the store before the window", DefaultValueFactory = _ => 1000 };
var workers = new Option<int>("--workers") { Description = "the server's --workers while seeding", DefaultValueFactory = _ => 4 };
var pollers = new Option<int>("--pollers") { Description = "clients polling status and list", DefaultValueFactory = _ => 50 };
var followers = new Option<int>("--followers") { Description = "clients following logs over SSE", DefaultValueFactory = _ => 20 };
var seconds = new Option<int>("--seconds") { Description = "length of the measured window", DefaultValueFactory = _ => 60 };
var think = new Option<int>("--think-ms") { Description = "each poller's pause between requests", DefaultValueFactory = _ => 100 };
var submitEvery = new Option<int>("--submit-every-ms") { Description = "a new 20 s build during the window this often (live logs to follow)", DefaultValueFactory = _ => 5000 };
var warmup = new Option<int>("--warmup-seconds") { Description = "the same load before the window, not measured (JIT, connection set-up)", DefaultValueFactory = _ => 5 };
var busybox = new Option<string>("--busybox") { Description = "static busybox for the base root", DefaultValueFactory = _ => "/bin/busybox" };
var root = new RootCommand("Load bench for kairos-factory serve (loopback only)") { serverDll, stages, jobs, workers, pollers, followers, seconds, think, submitEvery, warmup, busybox };
root.SetAction(async (result, cancellation) =>
{
    var work = Directory.CreateTempSubdirectory("ks-factory-load-");
    try
    {
        // reads need the token; the load is all from 127.0.0.1 and seeds 1,000 jobs at once: the per-client and queue
        // caps that protect a real server are lifted, so the bench measures throughput, not the limits
        using var server = FactoryServer.FromDll(Path.GetFullPath(result.GetValue(serverDll)!), Path.Combine(work.FullName, "data"),
            "--workers", result.GetValue(workers).ToString(CultureInfo.InvariantCulture), "--builder", "fixture",
            "--kairos-stages", Path.GetFullPath(result.GetValue(stages)!),
            "--max-queued", "100000", "--max-connections-per-client", "1024",
            "--max-log-followers", "10000", "--max-log-followers-per-client", "10000");
        await server.WaitReadyAsync(TimeSpan.FromSeconds(60));
        using var admin = new HttpClient { BaseAddress = server.BaseAddress, Timeout = TimeSpan.FromSeconds(60) };
        admin.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", server.Token);
        var seeder = new JobSeeder(admin);
        await seeder.UploadBaseAsync(BusyboxTarball.Create(result.GetValue(busybox)!), cancellation);

        var count = result.GetValue(jobs);
        var clock = Stopwatch.StartNew();
        var ids = await seeder.CreateManyAsync(count, parallel: 4, cancellation);
        var created = clock.Elapsed;
        await seeder.WaitAllFinishedAsync(TimeSpan.FromMinutes(30), cancellation);
        var succeeded = await seeder.TotalAsync("succeeded", cancellation);
        Console.WriteLine($"seeded {ids.Count} builds: created in {created.TotalSeconds:F1} s, all finished after {clock.Elapsed.TotalSeconds:F1} s; {succeeded} succeeded");

        LoadRun? last = null;
        Task Load(Latencies into, TimeSpan length) =>
            (last = new LoadRun(server.BaseAddress, server.Token, ids, into)).RunAsync(result.GetValue(pollers), result.GetValue(followers), length,
                TimeSpan.FromMilliseconds(result.GetValue(think)), TimeSpan.FromMilliseconds(result.GetValue(submitEvery)), c => seeder.CreateAsync("2.0.0", c));
        await Load(new Latencies(), TimeSpan.FromSeconds(result.GetValue(warmup)));

        var latencies = new Latencies();
        var window = TimeSpan.FromSeconds(result.GetValue(seconds));
        var cpuBefore = Process.GetProcessById(server.ProcessId).TotalProcessorTime;
        var firstLine = server.LineCount;
        await Load(latencies, window);
        var inServer = ServerTimings.Read(server.LinesFrom(firstLine));
        var serverCpu = Process.GetProcessById(server.ProcessId).TotalProcessorTime - cpuBefore;

        Console.WriteLine($"window {window.TotalSeconds:F0} s: {result.GetValue(pollers)} pollers ({result.GetValue(think)} ms pause), {result.GetValue(followers)} log followers, a new 20 s build every {result.GetValue(submitEvery)} ms, {LoadRun.ReadingPause.TotalSeconds:F0} s pause after a replayed log; server CPU {serverCpu.TotalSeconds:F1} s");
        Console.WriteLine();
        var serverSide = inServer.Summaries(LoadRun.Kinds, window).ToDictionary(r => r.Kind);
        Console.WriteLine("| endpoint | requests | per s | p50 ms | p99 ms | max ms | errors | in server p50 / p99 ms |");
        Console.WriteLine("|---|---:|---:|---:|---:|---:|---:|---:|");
        foreach (var row in latencies.Summaries(LoadRun.Kinds, window))
        {
            var own = serverSide[row.Kind] is { Requests: > 0 } s ? $"{s.P50:F2} / {s.P99:F2}" : "—";
            Console.WriteLine($"| {row.Kind} | {row.Requests} | {row.PerSecond:F1} | {row.P50:F1} | {row.P99:F1} | {row.Max:F1} | {row.Errors} | {own} |");
        }

        Console.WriteLine($"live follows to their end event: {last!.Live.Follows}, {last.Live.Lines} log lines received live");
        foreach (var example in latencies.ErrorExamples)
        {
            Console.WriteLine("error: " + example);
        }

        var targets = latencies.Summaries([LoadRun.Status, LoadRun.List], window);
        var met = targets.All(r => r.P99 <= 50) && latencies.TotalErrors == 0;
        Console.WriteLine($"target p99 <= 50 ms for status and list, 0 errors: {(met ? "met" : "MISSED")} ({latencies.TotalErrors} errors)");
        return met ? 0 : 1;
    }
    finally
    {
        // never recurse into a mount a killed build may have left (a bind of /dev or /proc)
        if (File.ReadLines("/proc/self/mountinfo").Any(line => line.Contains(work.FullName, StringComparison.Ordinal)))
        {
            Console.Error.WriteLine($"left {work.FullName}: something is still mounted under it");
        }
        else
        {
            work.Delete(recursive: true);
        }
    }
});
return await root.Parse(args).InvokeAsync();
