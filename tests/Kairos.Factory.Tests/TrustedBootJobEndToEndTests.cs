using System.Diagnostics;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text.RegularExpressions;
using Kairos.Factory.Api;
using Kairos.Factory.Jobs;
using Kairos.Factory.Tests.Support;
using Kairos.Stages.Media.Uki;

namespace Kairos.Factory.Tests;

/// <summary>
/// Issue 27's Factory part, end to end over HTTP: a real server given a genkey key set with <c>serve --uki-keys</c>
/// builds a Debian 12 Trusted Boot image through the docker builder — dockerd's BuildKit (<c>DOCKER_BUILDKIT=1 docker
/// build</c>, the daemon .ci/run starts), so this one build also proves the Factory's Docker path — from the base of
/// <see cref="BootedIsoEndToEndTests"/> (the same cached debootstrap tarball, <c>docker import</c>ed, and stand-in
/// artifacts) and, from the root BuildKit exported (<c>--output type=local</c>), the signed UKI ISO and the UKI tree
/// through the media library. The downloads are named from the image's kairos-release, their UKIs and
/// systemd-boot verify with sbverify against the server's db certificate, and systemd-boot enrolls the server's
/// keys on first boot. No VM: the CLI's Secure Boot boot test proves such media boot.
/// </summary>
[Slow(SlowKind.Engine)]
[Collection(KeyedDockerServer.Collection)]
public sealed partial class TrustedBootJobEndToEndTests
{
    // a name of its own: the Stages tests' Docker fixture imports and removes debian:12 in the same daemon, maybe at the same time
    private const string BaseImage = "localhost/kairos-factory-test/debian:12";

    [Fact]
    public async Task A_trusted_boot_build_makes_the_signed_UKI_ISO_and_tree_with_the_servers_keys_named_from_kairos_release()
    {
        if ((DebianBase.Unavailable() ?? DockerDaemon.Unavailable()) is { } reason)
        {
            Assert.Skip(reason);
        }

        var cancellation = TestContext.Current.CancellationToken;
        var scratch = Directory.CreateTempSubdirectory("kf-trusted-boot-").FullName;
        var artifacts = FixtureArtifacts.Create();
        try
        {
            // arrange: the operator's keys (genkey's library code), the base imported into the Docker daemon, a real server
            var (server, keys) = await KeyedDockerServer.StartAsync(scratch, BaseImage, "Factory test", DockerDaemon.Client, artifacts, [], cancellation);
            using var _ = server;

            // act: a Trusted Boot build asking for the ISO (the UKI one) and the tree
            var request = new BuildRequest { Image = BaseImage, Version = "1.0.0", Architecture = "amd64", TrustedBoot = true, Artifacts = new BuildArtifactsRequest { Iso = true, Uki = true } };
            using var created = await server.Client.PostAsJsonAsync("/api/v1/builds", request, FactoryHost.Json, cancellation);
            Assert.Equal(System.Net.HttpStatusCode.Created, created.StatusCode);
            var id = (await created.Content.ReadFromJsonAsync<BuildCreated>(FactoryHost.Json, cancellation))!.Id;
            var clock = Stopwatch.StartNew();
            IReadOnlyCollection<string> hostPrograms;
            (List<string> Lines, string Status) followed;
            await using (var children = new HostChildren(server.ProcessId))
            {
                followed = await BootedIsoEndToEndTests.FollowLogAsync(server.Client, id, cancellation);
                hostPrograms = children.Seen;
            }

            var (lines, status) = followed;
            TestContext.Current.TestOutputHelper?.WriteLine($"build {clock.Elapsed.TotalSeconds:0}s");
            Assert.True(status == "succeeded", $"the build ended {status}; log tail:\n{string.Join('\n', lines.TakeLast(40))}");
            // through dockerd's BuildKit: the media stage (FROM the tools image) made the UKI media, the keys mounted as
            // secrets, and only its /out was exported; no podman, no root unpacked on the server
            Assert.Contains(lines, line => line.Contains("[media] $ " + DockerDaemon.Client + " build ", StringComparison.Ordinal) && line.Contains("--target media-out", StringComparison.Ordinal)
                && line.Contains("--secret id=uki-key-0,src=" + keys + "/", StringComparison.Ordinal) && line.Contains("--output type=local,dest=", StringComparison.Ordinal));
            // (the tools image's apt lines name podman and umoci: they are packages of build/install-deps.sh's factory list)
            Assert.DoesNotContain(lines, line => !line.Contains("[tools] ", StringComparison.Ordinal) && (line.Contains("podman", StringComparison.Ordinal) || line.Contains("umoci", StringComparison.Ordinal)));
            // no step of the build ran on the server's host outside the engine: the only program the server started is the
            // engine's client, both as the job log records every command and as /proc showed the server's children
            Assert.All(lines.Where(line => line.Contains("] $ ", StringComparison.Ordinal)), line => Assert.Contains("] $ " + DockerDaemon.Client + " ", line, StringComparison.Ordinal));
            Assert.Equal([DockerDaemon.Client], hostPrograms);
            // build-uki ran in the engine (its step lines in BuildKit's output), not a second build-iso
            Assert.Contains(lines, line => line.Contains("[media] ", StringComparison.Ordinal) && line.Contains(" + sections (objcopy)", StringComparison.Ordinal));
            Assert.DoesNotContain(lines, line => line.Contains("\"build-iso\"", StringComparison.Ordinal));

            // assert: the downloads, named as AuroraBoot names them from the built kairos-release, each with its checksum
            var listed = (await server.Client.GetFromJsonAsync<List<ArtifactView>>($"/api/v1/builds/{id}/artifacts", FactoryHost.Json, cancellation))!;
            var names = listed.Select(artifact => artifact.Name).Order(StringComparer.Ordinal).ToList();
            var iso = Assert.Single(listed, artifact => artifact.Name.EndsWith(".iso", StringComparison.Ordinal));
            Assert.Matches(ReleaseName(), iso.Name[..^"-uki.iso".Length]);
            var stem = iso.Name[..^"-uki.iso".Length];
            Assert.Equal([stem + "-uki.iso", stem + "-uki.iso.sha256", stem + "-uki.tar", stem + "-uki.tar.sha256"], names);
            Assert.StartsWith("Trusted Boot ISO", iso.Description, StringComparison.Ordinal);

            var isoFile = await DownloadAsync(server.Client, iso, scratch, cancellation);
            var treeFile = await DownloadAsync(server.Client, listed.Single(artifact => artifact.Name == stem + "-uki.tar"), scratch, cancellation);

            // the ISO: UEFI only, AuroraBoot's volume id, the tree in efiboot.img; its UKI and systemd-boot signed by the server's db key
            Assert.Contains("Volume Id    : UKI_ISO_INSTALL", Run("xorriso", "-indev", isoFile, "-pvd_info"), StringComparison.Ordinal);
            var efiboot = Path.Combine(scratch, "efiboot.img");
            Run("xorriso", "-osirrox", "on", "-indev", isoFile, "-extract", "/efiboot.img", efiboot);
            foreach (var efi in new[] { "EFI/BOOT/BOOTX64.EFI", "EFI/kairos/norole.efi" })
            {
                var copy = Path.Combine(scratch, Path.GetFileName(efi));
                Run("mcopy", "-n", "-i", efiboot, "::" + efi, copy);
                Assert.Contains("Signature verification OK", Run("sbverify", "--cert", Path.Combine(keys, "db.pem"), copy), StringComparison.Ordinal);
            }

            // the tree: systemd-boot, the UKI, enrollment of the server's keys on first boot
            var tree = Directory.CreateDirectory(Path.Combine(scratch, "tree")).FullName;
            Run("tar", "-xf", treeFile, "-C", tree);
            Assert.True(File.Exists(Path.Combine(tree, "EFI", "BOOT", "BOOTX64.EFI")));
            Assert.Contains("Signature verification OK", Run("sbverify", "--cert", Path.Combine(keys, "db.pem"), Path.Combine(tree, "EFI", "kairos", "norole.efi")), StringComparison.Ordinal);
            Assert.Contains("secure-boot-enroll force", File.ReadAllText(Path.Combine(tree, "loader", "loader.conf")), StringComparison.Ordinal);
            foreach (var auth in UkiKeys.AuthFiles)
            {
                Assert.Equal(File.ReadAllBytes(Path.Combine(keys, auth)), File.ReadAllBytes(Path.Combine(tree, "loader", "keys", "auto", auth)));
            }

            Assert.True(await server.TerminateAsync(TimeSpan.FromSeconds(30)), "the server ignored SIGTERM:\n" + server.Output);
        }
        finally
        {
            Directory.Delete(artifacts, recursive: true);
            if (DockerDaemon.Unavailable() is null)
            {
                DockerDaemon.Try("image", "rm", BaseImage);
                // the tools image this run's base made (its tag names the base's image ID, new at every import)
                foreach (var tools in DockerDaemon.Try("image", "ls", "--format", "{{.Repository}}:{{.Tag}}", Kairos.Factory.Builders.ToolsImage.Repository).Output.Split('\n', StringSplitOptions.RemoveEmptyEntries))
                {
                    DockerDaemon.Try("image", "rm", tools);
                }
            }

            if (LeftoverCleaner.MountsUnder(scratch).Count == 0)
            {
                Directory.Delete(scratch, recursive: true);
            }
        }
    }

    /// <summary>Downloads an artifact and checks it against the listed size and sha256.</summary>
    internal static async Task<string> DownloadAsync(HttpClient client, ArtifactView artifact, string directory, CancellationToken cancellation)
    {
        var saved = Path.Combine(directory, artifact.Name);
        await using (var file = File.Create(saved))
        {
            using var download = await client.GetAsync(artifact.Url, HttpCompletionOption.ResponseHeadersRead, cancellation);
            download.EnsureSuccessStatusCode();
            await download.Content.CopyToAsync(file, cancellation);
        }

        await using var read = File.OpenRead(saved);
        Assert.Equal(artifact.Size, read.Length);
        Assert.Equal(artifact.Sha256, Convert.ToHexStringLower(await SHA256.HashDataAsync(read, cancellation)));
        return saved;
    }

    /// <summary>Runs a tool; its output (stdout and stderr), failing the test on a non-zero exit.</summary>
    internal static string Run(string program, params string[] arguments)
    {
        var start = new ProcessStartInfo(program) { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start)!;
        var error = process.StandardError.ReadToEndAsync();
        var output = process.StandardOutput.ReadToEnd();
        process.WaitForExit();
        Assert.True(process.ExitCode == 0, $"{program} {string.Join(' ', arguments)} exited {process.ExitCode}: {output}{error.Result}");
        return output + error.Result;
    }

    // kairos-FLAVOR-FLAVOR_RELEASE-VARIANT-ARCH-MODEL-VERSION, from the built image's /etc/kairos-release
    [GeneratedRegex(@"^kairos-debian-[0-9a-z.]+-core-amd64-generic-v1\.0\.0$")]
    internal static partial Regex ReleaseName();
}
