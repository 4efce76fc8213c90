using System.Diagnostics;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text.Json;
using System.Text.RegularExpressions;
using Kairos.Factory.Api;
using Kairos.Factory.Jobs;
using Kairos.Factory.Tests.Support;

namespace Kairos.Factory.Tests;

/// <summary>
/// Issue 18's end to end over HTTP: a real server process builds a Debian 12 ISO with its default builder, podman, from a
/// base image imported into a local podman store (the Factory never pulls); the test follows the build's SSE log to its
/// end, downloads the ISO, checks its sha256 against the artifact list and the response header, and boots it with
/// SeaBIOS, asserting what the engine's live boot test asserts on the serial console. The same build makes every disk
/// output (raw EFI and BIOS, VHD, GCE, MAAS) and the netboot files (issue 28's Factory outputs), checked with the
/// field's tools without a boot (BootedIsoEndToEndTests.Disks.cs). Issue 30: the three uncompressed disks once filled a
/// 64 GB CI disk, as podman copied each into layers several times; now the engine writes them once, into the job's
/// work dir (a build volume), and the server's build store must stay smaller than the three together.
/// </summary>
[Slow(SlowKind.Boot)]
public sealed partial class BootedIsoEndToEndTests
{
    private const string BaseImage = "localhost/debian:12";

    private const string CloudConfig = "#cloud-config\nhostname: factory-e2e-live\n";

    private static readonly TimeSpan BuildDeadline = TimeSpan.FromMinutes(40);

    // about 2 minutes a boot under TCG on an idle 2-core machine (LiveIsoBootTests); the deadline only catches a hung VM
    private static readonly TimeSpan BootDeadline = QemuLiveBoot.Deadline(10);

    [Fact]
    public async Task A_Debian_12_ISO_built_by_podman_over_HTTP_from_a_locally_imported_image_downloads_with_its_sha256_and_boots_with_SeaBIOS()
    {
        if ((DebianBase.Unavailable() ?? Podman.Unavailable() ?? QemuLiveBoot.Unavailable()) is { } reason)
        {
            Assert.Skip(reason);
        }

        var cancellation = TestContext.Current.CancellationToken;
        var scratch = Directory.CreateTempSubdirectory("kf-booted-iso-").FullName;
        var dataDir = Path.Combine(scratch, "data");
        var artifacts = FixtureArtifacts.Create();
        try
        {
            // arrange: a real Debian 12 root carrying the live-report extension, imported as localhost/debian:12 into a
            // private podman store (the server reads base images from it); the engine test's stand-in artifacts (its
            // immucore prints the marker); a real server, podman builder, whose ISOs put the serial console last
            var tarball = DebianBase.CreateRootTarball(scratch);
            AddLiveReportExtension(tarball, scratch);
            var podmanRoot = Path.Combine(scratch, "podman");
            Programs.Run("podman", "--root", podmanRoot, "--runroot", podmanRoot + "-run", "--storage-driver", "overlay", "import", tarball, BaseImage);
            File.Delete(tarball);
            using var server = new FactoryServer(dataDir, "--builder", "podman", "--podman-root", podmanRoot, "--workers", "1",
                "--kairos-stages", DebianBase.Binary!, "--artifacts-dir", artifacts, "--iso-live-console", LiveReport.LiveConsole, "--tools-base", BaseImage);
            await server.WaitReadyAsync(TimeSpan.FromSeconds(90));
            server.Authorize();

            // act: POST the build, follow its log to the end event, list and download the ISO
            // with a cloud-config: users reported it missing from ISOs built from a container image (kairos#2876)
            var request = new BuildRequest { Image = BaseImage, Version = "1.0.0", Architecture = "amd64", CloudConfig = CloudConfig, Artifacts = new BuildArtifactsRequest { Iso = true, RawEfi = true, RawBios = true, Vhd = true, Gce = true, Maas = true, Netboot = true } };
            using var created = await server.Client.PostAsJsonAsync("/api/v1/builds", request, FactoryHost.Json, cancellation);
            Assert.Equal(System.Net.HttpStatusCode.Created, created.StatusCode);
            var id = (await created.Content.ReadFromJsonAsync<BuildCreated>(FactoryHost.Json, cancellation))!.Id;
            var clock = Stopwatch.StartNew();
            IReadOnlyCollection<string> hostPrograms;
            (List<string> Lines, string Status) followed;
            await using (var children = new HostChildren(server.ProcessId))
            {
                followed = await FollowLogAsync(server.Client, id, cancellation);
                hostPrograms = children.Seen;
            }

            var (lines, endStatus) = followed;
            var built = clock.Elapsed;
            Assert.True(endStatus == "succeeded", $"the build ended {endStatus}; log tail:\n{string.Join('\n', lines.TakeLast(30))}");
            // the base came from the local store (its image ID looked up, then copied into the server's shared build store), and
            // podman built the generated Containerfile there, the media stages too (FROM the tools image, built from the same
            // base), exporting only their /out: build-iso ran inside the engine
            Assert.Contains(lines, line => line.Contains("[base]", StringComparison.Ordinal) && line.Contains(" image inspect ", StringComparison.Ordinal) && line.Contains(BaseImage, StringComparison.Ordinal));
            Assert.Contains(lines, line => line.Contains("[tools]", StringComparison.Ordinal) && line.Contains(" build --isolation chroot ", StringComparison.Ordinal) && line.Contains("TOOLS_BASE=" + BaseImage, StringComparison.Ordinal));
            // (issue 30: the built image bind-mounted, never copied; /out a volume on the work dir; no layer cache, no export)
            Assert.Contains(lines, line => line.Contains("[media]", StringComparison.Ordinal) && line.Contains(" build --isolation chroot ", StringComparison.Ordinal)
                && line.Contains(" --layers=false --volume " + Path.Combine(dataDir, "work"), StringComparison.Ordinal) && line.Contains("/media:/out --secret id=cloud-config,", StringComparison.Ordinal)
                && !line.Contains("--output", StringComparison.Ordinal) && line.Contains("--root " + Path.Combine(dataDir, "podman", "root"), StringComparison.Ordinal));
            Assert.Contains(lines, line => line.Contains("[media]", StringComparison.Ordinal) && line.Contains("RUN --mount=type=bind,from=localhost/kairos-factory/build:" + id + ",target=/rootfs --mount=type=secret,id=cloud-config,", StringComparison.Ordinal)
                && line.Contains("\"build-iso\"", StringComparison.Ordinal));
            Assert.DoesNotContain(lines, line => line.Contains("COPY --from=image", StringComparison.Ordinal) || line.Contains("media-out", StringComparison.Ordinal));
            Assert.DoesNotContain(lines, line => line.Contains("[iso]", StringComparison.Ordinal));
            // no step of the build ran on the server's host outside the engine: the only program the server started is
            // podman, both as the job log records every command and as /proc showed the server's children
            Assert.All(lines.Where(line => line.Contains("] $ ", StringComparison.Ordinal)), line => Assert.Contains("] $ podman ", line, StringComparison.Ordinal));
            Assert.Equal(["/usr/bin/podman"], hostPrograms);

            var listed = await server.Client.GetFromJsonAsync<List<ArtifactView>>($"/api/v1/builds/{id}/artifacts", FactoryHost.Json, cancellation);
            var disks = listed!.Where(artifact => artifact.Name.EndsWith(".raw", StringComparison.Ordinal) || artifact.Name.EndsWith(".raw.vhd", StringComparison.Ordinal)).ToList();
            var storeBytes = long.Parse(TrustedBootJobEndToEndTests.Run("du", "-s", "--block-size=1", Path.Combine(dataDir, "podman", "root")).Split('\t')[0], System.Globalization.CultureInfo.InvariantCulture);
            TestContext.Current.TestOutputHelper?.WriteLine($"build store {storeBytes >> 20} MiB; disks {string.Join(", ", disks.Select(disk => $"{disk.Name} {disk.Size >> 20} MiB"))}");
            Assert.Equal(3, disks.Count);
            Assert.True(storeBytes < disks.Sum(disk => disk.Size), $"the build store holds {storeBytes >> 20} MiB, more than the three disks ({disks.Sum(disk => disk.Size) >> 20} MiB): a layer holds media");
            var iso = Assert.Single(listed!, artifact => artifact.Name.EndsWith(".iso", StringComparison.Ordinal));
            var saved = Path.Combine(scratch, iso.Name);
            using (var download = await server.Client.GetAsync(iso.Url, HttpCompletionOption.ResponseHeadersRead, cancellation))
            {
                download.EnsureSuccessStatusCode();
                Assert.Equal(iso.Sha256, Assert.Single(download.Headers.GetValues(ArtifactEndpoints.Sha256Header)));
                await using var file = File.Create(saved);
                await download.Content.CopyToAsync(file, cancellation);
            }

            await using (var file = File.OpenRead(saved))
            {
                Assert.Equal(iso.Size, file.Length);
                Assert.Equal(iso.Sha256, Convert.ToHexStringLower(await SHA256.HashDataAsync(file, cancellation)));
            }

            // the request's cloud-config is the ISO's /config.yaml, as build-iso --cloud-config puts it
            var config = Path.Combine(scratch, "config.yaml");
            Programs.Run("xorriso", "-osirrox", "on", "-indev", saved, "-extract", "/config.yaml", config);
            Assert.Contains("hostname: factory-e2e-live", File.ReadAllText(config), StringComparison.Ordinal);

            await AssertDiskAndNetbootAsync(server.Client, listed!, iso.Name[..^".iso".Length], scratch, cancellation);

            var (raw, poweredOff, elapsed) = await QemuLiveBoot.BootAsync(saved, uefi: false, BootDeadline, scratch);

            // assert, in boot order, what LiveIsoBootTests asserts: GRUB's menu, the live kernel command line, the initrd's
            // immucore stand-in, dmsquash-live's squashfs under the overlay root, multi-user, the built kairos-release, power-off
            var serial = Regex.Replace(raw, @"\x1b\[[0-9;?]*[A-Za-z]", "");
            TestContext.Current.TestOutputHelper?.WriteLine($"build {built.TotalSeconds:0}s, boot {elapsed.TotalSeconds:0}s ({QemuLiveBoot.AcceleratorName}); the serial lines asserted on:");
            TestContext.Current.TestOutputHelper?.WriteLine(string.Join('\n', serial.Split('\n').Where(line => AssertedLine().IsMatch(line))));
            string Context() => $"\n--- serial ({elapsed.TotalSeconds:0}s, {QemuLiveBoot.AcceleratorName}), last lines ---\n{string.Join('\n', serial.Split('\n').TakeLast(60))}";
            var releaseLines = LiveReport.AssertBooted(serial, Context);
            Assert.Contains(releaseLines, line => Regex.IsMatch(line, "^KAIROS_VERSION=\"?v1\\.0\\.0\"?$"));
            Assert.True(poweredOff, "the guest powers itself off before the deadline" + Context());
            Assert.True(await server.TerminateAsync(TimeSpan.FromSeconds(30)), "the server ignored SIGTERM:\n" + server.Output);
        }
        finally
        {
            Directory.Delete(artifacts, recursive: true);
            var store = Path.Combine(scratch, "podman");
            if (Directory.Exists(store))
            {
                // rmi, not 'system reset', which empties /run/libpod under every other podman (its --root and --runroot notwithstanding)
                Programs.Run("podman", "--root", store, "--runroot", store + "-run", "--storage-driver", "overlay", "rmi", "--all", "--force");
                foreach (var mount in LeftoverCleaner.MountsUnder(store).OrderByDescending(point => point.Length))
                {
                    Programs.Run("umount", "-l", mount);
                }
            }

            if (Directory.Exists(Path.Combine(dataDir, "podman")))
            {
                // the server's shared build store (rmi: 'system reset' also empties /run/libpod under other podmans)
                Programs.Run(["podman", .. Builders.PodmanStorage.Shared(new FactoryOptions { DataDir = dataDir }), "rmi", "--all", "--force"]);
            }

            if (LeftoverCleaner.MountsUnder(scratch).Count == 0)
            {
                Directory.Delete(scratch, recursive: true);
            }
        }
    }

    /// <summary>Appends <c>/etc/kairos-init/stage-extensions/10-e2e-live.yaml</c> to the root tarball (the pipeline loads it).</summary>
    private static void AddLiveReportExtension(string tarball, string scratch)
    {
        var staging = Path.Combine(scratch, "extension");
        var directory = Directory.CreateDirectory(Path.Combine(staging, "etc/kairos-init/stage-extensions")).FullName;
        File.WriteAllText(Path.Combine(directory, "10-e2e-live.yaml"), LiveReport.Extension);
        using var tar = Process.Start("tar", ["--append", "--numeric-owner", "--owner=0", "--group=0", "--file", tarball, "--directory", staging, "./etc/kairos-init"])!;
        tar.WaitForExit();
        Assert.Equal(0, tar.ExitCode);
        Directory.Delete(staging, recursive: true);
    }

    /// <summary>Reads the SSE log until its <c>end</c> event (within <paramref name="within"/>, else the amd64 build's deadline); returns the log lines and the status the end event carries.</summary>
    internal static async Task<(List<string> Lines, string Status)> FollowLogAsync(HttpClient client, string id, CancellationToken cancellation, TimeSpan? within = null)
    {
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellation);
        deadline.CancelAfter(within ?? BuildDeadline);
        using var response = await client.GetAsync($"/api/v1/builds/{id}/logs", HttpCompletionOption.ResponseHeadersRead, deadline.Token);
        response.EnsureSuccessStatusCode();
        Assert.Equal("text/event-stream", response.Content.Headers.ContentType?.MediaType);
        using var reader = new StreamReader(await response.Content.ReadAsStreamAsync(deadline.Token));
        var lines = new List<string>();
        var ended = false;
        while (await reader.ReadLineAsync(deadline.Token) is { } line)
        {
            if (line == "event: end")
            {
                ended = true;
            }
            else if (line.StartsWith("data: ", StringComparison.Ordinal))
            {
                if (ended)
                {
                    return (lines, JsonDocument.Parse(line[6..]).RootElement.GetProperty("status").GetString()!);
                }

                lines.Add(line[6..]);
            }
        }

        Assert.Fail("the log stream closed without an end event; last lines:\n" + string.Join('\n', lines.TakeLast(30)));
        return (lines, "");
    }

    [GeneratedRegex(@"Kairos debian v1\.0\.0|Command line:|KS-IMMUCORE-STANDIN|KS-LIVE-|KAIROS_VERSION")]
    private static partial Regex AssertedLine();
}
