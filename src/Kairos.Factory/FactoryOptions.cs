namespace Kairos.Factory;

/// <summary>Everything a Factory server is started with; immutable, passed to the services that need it.</summary>
public sealed record FactoryOptions
{
    /// <summary>The builds API spells statuses as the classic Factory did (<c>complete</c>, and <c>failed</c> for a cancelled build): <c>kairos-factory web</c>, or <c>serve --status-names classic</c>.</summary>
    public bool ClassicStatusNames { get; init; }

    /// <summary>Where the store, job logs, artifacts, uploads, work dirs and the API token live.</summary>
    public required string DataDir { get; init; }

    /// <summary>Number of in-process workers: the limit on builds running at once.</summary>
    public int Workers { get; init; } = 1;

    /// <summary>The builder a request gets when it names none: podman or docker.</summary>
    public string DefaultBuilder { get; init; } = Builders.PodmanBuilder.Engine;

    /// <summary>The published kairos-stages binary the pipeline runs (copied into the engine's build context).</summary>
    public string KairosStagesBinary { get; init; } = "kairos-stages";

    /// <summary>
    /// The kairos-stages binaries for images of other architectures than this machine's (<c>serve --kairos-stages-for
    /// ARCH=PATH</c>, e.g. arm64 from <c>build/publish.sh linux-arm64</c>): the binary runs inside the image, where only
    /// that architecture's loader exists.
    /// </summary>
    public IReadOnlyDictionary<string, string> ForeignBinaries { get; init; } = new Dictionary<string, string>();

    /// <summary>The kairos-stages binary that runs inside an image of <paramref name="architecture"/>, or null when this server has none.</summary>
    public string? BinaryFor(string architecture) =>
        architecture == Kairos.Stages.Target.Platform.ForeignPrograms.HostArchitecture() ? KairosStagesBinary : ForeignBinaries.GetValueOrDefault(architecture);

    /// <summary>Offline artifacts directory handed to <c>kairos-stages run --artifacts-dir</c>; null: download.</summary>
    public string? ArtifactsDir { get; init; }

    /// <summary>The console= arguments of built ISOs' live entries (build-iso <c>--live-console</c>), e.g. a serial console last for headless machines; null: build-iso's default.</summary>
    public string? IsoLiveConsole { get; init; }

    /// <summary>The operator's Trusted Boot key directory (<c>serve --uki-keys</c>, made by <c>kairos-stages genkey</c>), checked at start; null: trusted_boot requests are refused. Keys never come in requests.</summary>
    public string? UkiKeysDir { get; init; }

    /// <summary>The Debian 12 image the tools image (media stages) is built from, in the engine's local images (<c>serve --tools-base</c>; never pulled).</summary>
    public string ToolsBase { get; init; } = "debian:12";

    /// <summary>The podman executable.</summary>
    public string Podman { get; init; } = "podman";

    /// <summary>Private podman storage (<c>--root</c>/<c>--runroot</c>); null: podman's default storage, where the user's local images are.</summary>
    public string? PodmanRoot { get; init; }

    /// <summary>Run directory for the private podman storage (used with <see cref="PodmanRoot"/>).</summary>
    public string? PodmanRunRoot { get; init; }

    /// <summary>The docker client of the docker builder (Debian's docker.io client builds with BuildKit given DOCKER_BUILDKIT=1).</summary>
    public string Docker { get; init; } = "docker";

    /// <summary>The docker builder builds with <c>docker buildx build --builder NAME</c> (a remote BuildKit or its Kubernetes driver); null: dockerd's own BuildKit.</summary>
    public string? BuildxBuilder { get; init; }

    /// <summary>Registry hosts (with port, if any) a buildx builder's <c>FROM</c> (<c>--buildx-builder</c>) may pull from; by default only <c>localhost</c>, the local store.</summary>
    public IReadOnlyList<string> AllowedRegistries { get; init; } = ["localhost"];

    /// <summary>How long artifacts are kept after a build ends.</summary>
    public TimeSpan Retention { get; init; } = TimeSpan.FromDays(7);

    /// <summary>Below this many free bytes on the data dir's file system the retention sweep prunes every unnamed image of the shared podman store, not only those older than <see cref="Retention"/>.</summary>
    public long BuildStoreLowBytes { get; init; } = 10L << 30;

    /// <summary>How often expired artifacts are looked for.</summary>
    public TimeSpan RetentionSweep { get; init; } = TimeSpan.FromMinutes(5);

    /// <summary>Largest base tarball accepted by the upload endpoint.</summary>
    public long MaxUploadBytes { get; init; } = 16L << 30;

    /// <summary>All uploads kept at once (retention deletes unused ones); an upload beyond it gets 507.</summary>
    public long MaxUploadStoreBytes { get; init; } = 64L << 30;

    /// <summary>Builds waiting at once; one more gets 429 with Retry-After.</summary>
    public int MaxQueued { get; init; } = 100;

    /// <summary>Reads (build lists, states, logs, artifact lists) without the token: for labs (<c>--public-read</c>); downloads still need the token or a signed link.</summary>
    public bool PublicRead { get; init; }

    /// <summary>How long a signed download link from the artifact list stays valid (and the furthest expiry a link may name).</summary>
    public TimeSpan DownloadLinkLifetime { get; init; } = TimeSpan.FromMinutes(15);

    /// <summary>A fixed API token instead of the generated one (tests); never logged.</summary>
    public string? Token { get; init; }

    /// <summary>The address Kestrel listens on (serve); null on the in-memory test server, where no Host is checked.</summary>
    public System.Net.IPEndPoint? Listen { get; init; }

    /// <summary>The URL clients use when it is not the listen address (a reverse proxy, a DNS name): its host is accepted in <c>Host</c> and <c>Origin</c>.</summary>
    public Uri? PublicUrl { get; init; }

    /// <summary>Log streams (SSE and WebSocket) open at once, over all clients.</summary>
    public int MaxLogFollowers { get; init; } = 256;

    /// <summary>Log streams open at once from one client address.</summary>
    public int MaxLogFollowersPerClient { get; init; } = 16;

    /// <summary>A log stream that has sent nothing for this long is closed (an EventSource reconnects with Last-Event-ID).</summary>
    public TimeSpan LogIdleTimeout { get; init; } = TimeSpan.FromMinutes(10);

    /// <summary>Kestrel's limit on open connections (each log stream holds one).</summary>
    public int MaxConnections { get; init; } = 1024;

    /// <summary>Open connections from one client address; one more is closed at once.</summary>
    public int MaxConnectionsPerClient { get; init; } = 64;

    /// <summary>Where binfmt_misc's handlers are read: a build for another architecture than this machine's is refused without one (tests point it elsewhere).</summary>
    public string BinfmtDir { get; init; } = Kairos.Stages.Target.Platform.ForeignPrograms.BinfmtDir;

    public string StorePath => Path.Combine(DataDir, "factory.db");

    public string JobsDir => Path.Combine(DataDir, "jobs");

    public string WorkDir => Path.Combine(DataDir, "work");

    public string UploadsDir => Path.Combine(DataDir, "uploads");
}
