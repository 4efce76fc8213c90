using System.CommandLine;
using System.Net;
using Kairos.Factory.Api;
using Kairos.Factory.Auth;
using Kairos.Factory.Builders;
using Kairos.Factory.Store;
using Kairos.Stages.Engine.Pipeline;
using Kairos.Stages.Target.Platform;
using Serilog;

namespace Kairos.Factory.Commands;

/// <summary><c>kairos-factory serve</c>: one command, embedded defaults, no other server to install.</summary>
public static partial class ServeCommand
{
    /// <summary><c>serve</c>; <paramref name="more"/>: builders besides the engines (a test fixture's).</summary>
    public static Command Create(IReadOnlyList<IImageBuilder>? more = null) => Create("serve", "run the Factory server", "127.0.0.1:8080", "native", defaultPublicRead: false, more);

    /// <summary>The server command under <paramref name="name"/> (serve, or the classic <c>web</c>) with its own defaults.</summary>
    internal static Command Create(string name, string description, string defaultListen, string defaultStatusNames, bool defaultPublicRead, IReadOnlyList<IImageBuilder>? more = null)
    {
        var listen = new Option<string>("--listen") { Description = "address:port to listen on (:PORT is every interface)", DefaultValueFactory = _ => defaultListen };
        var statusNames = new Option<string>("--status-names") { Description = "how the builds API spells states: native (succeeded, cancelled) or classic (the classic Factory's complete; cancelled shows as failed)", DefaultValueFactory = _ => defaultStatusNames };
        statusNames.AcceptOnlyFromAmong("native", "classic");
        var dataDir = new Option<string>("--data-dir") { Description = "store, logs, artifacts and the API token", DefaultValueFactory = _ => "./factory-data" };
        var workers = new Option<int>("--workers") { Description = "builds running at once", DefaultValueFactory = _ => 1 };
        var builder = new Option<string?>("--builder") { Description = "default builder: podman (default where podman exists; one shared store under the data dir) or docker (BuildKit: dockerd's through 'DOCKER_BUILDKIT=1 docker build', or a buildx builder with --buildx-builder; the default where podman is absent, the docker client is there and DOCKER_HOST is set or /var/run/docker.sock exists)" };
        var binary = new Option<string?>("--kairos-stages") { Description = "the kairos-stages binary (default: $KAIROS_STAGES_BINARY, next to this program, or on PATH)" };
        var artifacts = new Option<string?>("--artifacts-dir") { Description = "offline Kairos artifacts for kairos-stages run --artifacts-dir (default: $" + ArtifactsVariable + " when set, as in the Factory image built with --build-arg ARTIFACTS=DIR; else downloaded)" };
        var podmanRoot = new Option<string?>("--podman-root") { Description = "podman store the base images are read from (default: podman's own)" };
        var buildx = new Option<string?>("--buildx-builder") { Description = "the docker builder builds with 'docker buildx build --builder NAME' (a remote or Kubernetes BuildKit made with 'docker buildx create --name NAME ...'; needs the buildx plugin) instead of dockerd's BuildKit" };
        var docker = new Option<string>("--docker") { Description = "the docker client of the docker builder (Debian's /usr/bin/docker builds with BuildKit; a newer client needs the buildx plugin)", DefaultValueFactory = _ => "docker" };
        var retention = new Option<double>("--retention-hours") { Description = "artifacts are deleted this long after a build ends", DefaultValueFactory = _ => 168 };
        var liveConsole = new Option<string?>("--iso-live-console") { Description = "console= arguments of the ISOs' live boot entries (kairos-stages build-iso --live-console; default: build-iso's)" };
        var publicUrl = new Option<string?>("--public-url") { Description = "the URL clients use when it is not the listen address (a DNS name, a TLS reverse proxy): accepted in Host and Origin" };
        var maxFollowers = new Option<int>("--max-log-followers") { Description = "log streams open at once, all clients", DefaultValueFactory = _ => 256 };
        var maxFollowersPerClient = new Option<int>("--max-log-followers-per-client") { Description = "log streams open at once from one client address", DefaultValueFactory = _ => 16 };
        var logIdle = new Option<int>("--log-idle-seconds") { Description = "a log stream that sent nothing this long is closed (browsers reconnect where they were)", DefaultValueFactory = _ => 600 };
        var maxQueued = new Option<int>("--max-queued") { Description = "builds waiting at once; one more gets 429 with Retry-After", DefaultValueFactory = _ => 100 };
        var uploadStore = new Option<long>("--max-upload-store-mb") { Description = "all uploaded base tarballs kept at once, in MiB", DefaultValueFactory = _ => 64 * 1024 };
        var allowedRegistry = new Option<string[]>("--allowed-registry") { Description = "a registry host[:port] a --buildx-builder may pull base images from (repeatable; default: localhost only)", AllowMultipleArgumentsPerToken = false };
        var tlsCert = new Option<string?>("--tls-cert") { Description = "PEM certificate (chain) to serve HTTPS with; needs --tls-key" };
        var tlsKey = new Option<string?>("--tls-key") { Description = "PEM private key of --tls-cert" };
        var ukiKeys = new Option<string?>("--uki-keys") { Description = "Secure Boot and PCR policy keys (a directory made by 'kairos-stages genkey') that sign trusted_boot builds' UKIs; without it trusted_boot requests are refused" };
        var toolsBase = new Option<string>("--tools-base") { Description = "the Debian 12 image, already in the engine's images (never pulled), that the media stages' tools image is built from once per engine (apt installs xorriso, squashfs-tools, GRUB, systemd-boot ... into it)", DefaultValueFactory = _ => "debian:12" };
        var publicRead = new Option<bool>("--public-read") { Description = "let anyone who reaches the server list builds and read their logs and artifact lists without the token (labs); downloads still need the token or a signed link", DefaultValueFactory = _ => defaultPublicRead };
        var linkSeconds = new Option<int>("--download-link-seconds") { Description = "how long a signed download link from the artifact list stays valid (60-86400)", DefaultValueFactory = _ => 900 };
        var foreignBinaries = ForeignBinariesOption();
        var perClient = new Option<int>("--max-connections-per-client") { Description = "open connections from one client address; one more is closed at once", DefaultValueFactory = _ => 64 };
        var command = new Command(name, description)
        {
            allowedRegistry, tlsCert, tlsKey, statusNames, publicRead, linkSeconds, perClient, ukiKeys, toolsBase,
            listen, dataDir, workers, builder, binary, artifacts, podmanRoot, buildx, docker, retention, liveConsole, publicUrl, maxFollowers, maxFollowersPerClient, logIdle,
            maxQueued, uploadStore, foreignBinaries,
        };
        command.SetAction(async (result, cancellation) =>
        {
            if (!TryParseListen(result.GetValue(listen)!, out var endpoint))
            {
                return Usage($"--listen '{result.GetValue(listen)}' is not ADDRESS:PORT (e.g. 127.0.0.1:8080)");
            }

            if (result.GetValue(workers) is < 1 or > 64)
            {
                return Usage("--workers must be between 1 and 64");
            }

            string[] builders = [.. FactoryCatalog.Builders, .. (more ?? []).Select(extra => extra.Name)];
            if (result.GetValue(builder) is { } chosen && !builders.Contains(chosen))
            {
                return Usage($"--builder '{chosen}' is not one of {string.Join(", ", builders)}");
            }

            if ((result.GetValue(builder) ?? Commands.DefaultBuilder.Pick(OnPath, result.GetValue(docker)!, Environment.GetEnvironmentVariable("DOCKER_HOST"), File.Exists)) is not { } defaultBuilder)
            {
                return Usage(Commands.DefaultBuilder.NoEngine(result.GetValue(docker)!));
            }

            // at least a minute, at most ten years (TimeSpan.FromHours throws on values beyond its range)
            if (result.GetValue(retention) is var hours && !(hours >= 1.0 / 60 && hours <= MaxRetentionHours))
            {
                return Usage($"--retention-hours must be between 0.017 (a minute) and {MaxRetentionHours} (ten years), not {hours}");
            }

            Uri? publicUri = null;
            if (result.GetValue(publicUrl) is { } url
                && (!Uri.TryCreate(url, UriKind.Absolute, out publicUri) || publicUri.Scheme is not ("http" or "https") || publicUri.PathAndQuery != "/" || publicUri.UserInfo.Length > 0))
            {
                return Usage($"--public-url '{url}' is not an http(s) URL of a host (e.g. https://factory.example.org)");
            }

            if (result.GetValue(maxFollowers) is < 1 or > 10_000 || result.GetValue(maxFollowersPerClient) is < 1 or > 10_000)
            {
                return Usage("--max-log-followers and --max-log-followers-per-client must be between 1 and 10000");
            }

            if (result.GetValue(logIdle) is < 1 or > 86_400)
            {
                return Usage("--log-idle-seconds must be between 1 and 86400");
            }

            if (result.GetValue(maxQueued) is < 1 or > 100_000 || result.GetValue(uploadStore) is < 1 or > 1L << 30)
            {
                return Usage("--max-queued must be between 1 and 100000 and --max-upload-store-mb between 1 and 1073741824");
            }

            if (result.GetValue(perClient) is < 1 or > 1024)
            {
                return Usage("--max-connections-per-client must be between 1 and 1024");
            }

            if (result.GetValue(linkSeconds) is < 60 or > 86_400)
            {
                return Usage("--download-link-seconds must be between 60 and 86400");
            }

            if (LoadCertificate(result.GetValue(tlsCert), result.GetValue(tlsKey), out var certificate) is { } tlsProblem)
            {
                return Usage(tlsProblem);
            }

            if (ParseForeignBinaries(result.GetValue(foreignBinaries) ?? [], out var foreign) is { } binariesProblem)
            {
                return Usage(binariesProblem);
            }

            string? ukiKeysDir = null;
            if (result.GetValue(ukiKeys) is { } keysDir)
            {
                try
                {
                    ukiKeysDir = Path.GetFullPath(keysDir);
                    Kairos.Stages.Media.Uki.UkiKeys.Resolve(ukiKeysDir, null, null, null, null);
                }
                catch (Kairos.Stages.Media.MediaException exception)
                {
                    return Usage($"--uki-keys '{keysDir}': {exception.Message}");
                }
            }

            var dataPath = Path.GetFullPath(result.GetValue(dataDir)!);
            if (File.Exists(dataPath))
            {
                return Usage($"--data-dir '{dataPath}' is a file, not a directory");
            }

            if (!CanListen(endpoint, out var listenError))
            {
                // before anything is written: a second server on a taken port leaves no data dir behind
                Console.Error.WriteLine($"kairos-factory: cannot listen on {endpoint}: {listenError}");
                return ExitCodes.Failed;
            }

            var options = new FactoryOptions
            {
                DataDir = dataPath,
                Workers = result.GetValue(workers),
                DefaultBuilder = defaultBuilder,
                KairosStagesBinary = result.GetValue(binary) ?? DefaultBinary(),
                ForeignBinaries = foreign,
                ArtifactsDir = (result.GetValue(artifacts) ?? ArtifactsFromEnvironment()) is { } dir ? Path.GetFullPath(dir) : null,
                PodmanRoot = result.GetValue(podmanRoot),
                BuildxBuilder = result.GetValue(buildx),
                Docker = result.GetValue(docker)!,
                Retention = TimeSpan.FromHours(result.GetValue(retention)),
                IsoLiveConsole = result.GetValue(liveConsole),
                UkiKeysDir = ukiKeysDir,
                ToolsBase = result.GetValue(toolsBase)!,
                Listen = endpoint,
                PublicUrl = publicUri,
                MaxLogFollowers = result.GetValue(maxFollowers),
                MaxLogFollowersPerClient = result.GetValue(maxFollowersPerClient),
                LogIdleTimeout = TimeSpan.FromSeconds(result.GetValue(logIdle)),
                MaxQueued = result.GetValue(maxQueued),
                AllowedRegistries = result.GetValue(allowedRegistry) is { Length: > 0 } registries ? [.. registries.Select(host => host.ToLowerInvariant())] : ["localhost"],
                MaxUploadStoreBytes = result.GetValue(uploadStore) << 20,
                ClassicStatusNames = result.GetValue(statusNames) == "classic",
                PublicRead = result.GetValue(publicRead),
                MaxConnectionsPerClient = result.GetValue(perClient),
                DownloadLinkLifetime = TimeSpan.FromSeconds(result.GetValue(linkSeconds)),
            };
            // ASP.NET's own request lines carry the query string (a download link's signature); Serilog's request log has the path only
            Log.Logger = new LoggerConfiguration()
                .MinimumLevel.Override("Microsoft.AspNetCore", Serilog.Events.LogEventLevel.Warning)
                .WriteTo.Console().CreateLogger();
            WebApplication app;
            FileStream? dataLock;
            try
            {
                DataDirAccess.Restrict(options);
                dataLock = DataDirAccess.TryLock(options.DataDir);
                if (dataLock is null)
                {
                    Console.Error.WriteLine($"kairos-factory: --data-dir '{options.DataDir}' is in use by another kairos-factory server (it holds {Path.Combine(options.DataDir, ".lock")})");
                    return ExitCodes.Failed;
                }

                app = BuildApp(options, endpoint, certificate, more ?? []);
            }
            catch (Exception exception) when (exception is IOException or UnauthorizedAccessException or InvalidDataException)
            {
                // InvalidDataException: an empty or malformed token file; one line, exit 1
                Console.Error.WriteLine($"kairos-factory: --data-dir '{options.DataDir}': {exception.Message}");
                return ExitCodes.Failed;
            }

            var token = app.Services.GetRequiredService<ApiToken>();
            if (token.Created && !Console.IsOutputRedirected)
            {
                // the only time the token is shown, and only to a terminal: never to journald, a container log or a file
                Console.WriteLine($"API token (shown once; kept in {ApiToken.PathIn(options.DataDir)}): {token.Value}");
            }
            else if (token.Created)
            {
                Console.WriteLine($"API token created in {ApiToken.PathIn(options.DataDir)} (mode 0600; read it there: it is not printed where output is not a terminal)");
            }

            Log.Information("Kairos Factory on {Scheme}://{Endpoint} (data {DataDir}, {Workers} workers, default builder {Builder})", certificate is null ? "http" : "https", endpoint, options.DataDir, options.Workers, options.DefaultBuilder);
            if ((endpoint.Address.Equals(IPAddress.Any) || endpoint.Address.Equals(IPAddress.IPv6Any)) && certificate is null)
            {
                Log.Warning("Listening on every interface ({Endpoint}) over plain HTTP: the API token crosses the network in clear text; put a TLS reverse proxy in front (README: Security model) and pass --public-url", endpoint);
            }

            if (ProgramLookup.Find(options.KairosStagesBinary) is null)
            {
                Log.Warning("kairos-stages not found ({Binary}): every build would fail and /api/v1/readyz answers 503; pass --kairos-stages PATH (bash build/publish.sh makes one)", options.KairosStagesBinary);
            }

            using var heldLock = dataLock;
            try
            {
                await app.RunAsync(cancellation);
            }
            catch (IOException exception) when (exception.InnerException is Microsoft.AspNetCore.Connections.AddressInUseException)
            {
                Console.Error.WriteLine($"kairos-factory: cannot listen on {endpoint}: {exception.InnerException.Message}");
                return ExitCodes.Failed;
            }

            return ExitCodes.Success;
        });
        return command;
    }
}
