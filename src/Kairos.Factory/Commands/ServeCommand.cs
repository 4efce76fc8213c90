using System.CommandLine;
using System.Net;
using Kairos.Factory.Auth;
using Kairos.Factory.Hosting;
using Serilog;

namespace Kairos.Factory.Commands;

/// <summary><c>kairos-factory serve</c>: one command, embedded defaults, no other server to install.</summary>
public static class ServeCommand
{
    public static Command Create()
    {
        var listen = new Option<string>("--listen") { Description = "address:port to listen on", DefaultValueFactory = _ => "127.0.0.1:8080" };
        var dataDir = new Option<string>("--data-dir") { Description = "store, logs, artifacts and the API token", DefaultValueFactory = _ => "./factory-data" };
        var workers = new Option<int>("--workers") { Description = "builds running at once", DefaultValueFactory = _ => 1 };
        var builder = new Option<string?>("--builder") { Description = "default builder: podman (default where podman exists), chroot or buildx" };
        var binary = new Option<string?>("--kairos-stages") { Description = "the kairos-stages binary (default: $KAIROS_STAGES_BINARY, next to this program, or on PATH)" };
        var artifacts = new Option<string?>("--artifacts-dir") { Description = "offline Kairos artifacts for kairos-stages run --artifacts-dir" };
        var podmanRoot = new Option<string?>("--podman-root") { Description = "podman store the base images are read from (default: podman's own)" };
        var buildx = new Option<string>("--buildx-builder") { Description = "docker buildx builder name for the buildx builder", DefaultValueFactory = _ => "default" };
        var retention = new Option<double>("--retention-hours") { Description = "artifacts are deleted this long after a build ends", DefaultValueFactory = _ => 168 };
        var liveConsole = new Option<string?>("--iso-live-console") { Description = "console= arguments of the ISOs' live boot entries (kairos-stages build-iso --live-console; default: build-iso's)" };
        var command = new Command("serve", "run the Factory server") { listen, dataDir, workers, builder, binary, artifacts, podmanRoot, buildx, retention, liveConsole };
        command.SetAction(async (result, cancellation) =>
        {
            if (!TryParseListen(result.GetValue(listen)!, out var endpoint))
            {
                Console.Error.WriteLine($"kairos-factory: --listen '{result.GetValue(listen)}' is not ADDRESS:PORT (e.g. 127.0.0.1:8080)");
                return 2;
            }

            if (result.GetValue(workers) is < 1 or > 64)
            {
                Console.Error.WriteLine("kairos-factory: --workers must be between 1 and 64");
                return 2;
            }

            var options = new FactoryOptions
            {
                DataDir = Path.GetFullPath(result.GetValue(dataDir)!),
                Workers = result.GetValue(workers),
                DefaultBuilder = result.GetValue(builder) ?? (OnPath("podman") ? "podman" : "chroot"),
                KairosStagesBinary = result.GetValue(binary) ?? DefaultBinary(),
                ArtifactsDir = result.GetValue(artifacts) is { } dir ? Path.GetFullPath(dir) : null,
                PodmanRoot = result.GetValue(podmanRoot),
                BuildxBuilder = result.GetValue(buildx)!,
                Retention = TimeSpan.FromHours(result.GetValue(retention)),
                IsoLiveConsole = result.GetValue(liveConsole),
            };
            // ASP.NET's own request lines carry the query string (a download's ?token=); Serilog's request log has the path only
            Log.Logger = new LoggerConfiguration()
                .MinimumLevel.Override("Microsoft.AspNetCore", Serilog.Events.LogEventLevel.Warning)
                .WriteTo.Console().CreateLogger();
            var app = BuildApp(options, endpoint);
            var token = app.Services.GetRequiredService<ApiToken>();
            if (token.Created)
            {
                // the only time the token is shown: it is not logged, and later starts do not print it
                Console.WriteLine($"API token (shown once; kept in {ApiToken.PathIn(options.DataDir)}): {token.Value}");
            }

            Log.Information("Kairos Factory on http://{Endpoint} (data {DataDir}, {Workers} workers, default builder {Builder})", endpoint, options.DataDir, options.Workers, options.DefaultBuilder);
            await app.RunAsync(cancellation);
            return 0;
        });
        return command;
    }

    private static WebApplication BuildApp(FactoryOptions options, IPEndPoint endpoint)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.ConfigureKestrel(kestrel => kestrel.Listen(endpoint));
        builder.Services.AddFactory(options);
        var app = builder.Build();
        app.UseFactory();
        return app;
    }

    private static bool TryParseListen(string text, out IPEndPoint endpoint)
    {
        text = text.StartsWith(':') ? "0.0.0.0" + text : text.Replace("localhost:", "127.0.0.1:", StringComparison.Ordinal);
        return IPEndPoint.TryParse(text, out endpoint!) && endpoint.Port > 0;
    }

    private static string DefaultBinary()
    {
        if (Environment.GetEnvironmentVariable("KAIROS_STAGES_BINARY") is { Length: > 0 } fromEnvironment)
        {
            return fromEnvironment;
        }

        var sibling = Path.Combine(AppContext.BaseDirectory, "kairos-stages");
        return File.Exists(sibling) ? sibling : FindOnPath("kairos-stages") ?? "kairos-stages";
    }

    private static bool OnPath(string program) => FindOnPath(program) is not null;

    private static string? FindOnPath(string program) =>
        (Environment.GetEnvironmentVariable("PATH") ?? "").Split(':', StringSplitOptions.RemoveEmptyEntries)
            .Select(directory => Path.Combine(directory, program))
            .FirstOrDefault(File.Exists);
}
