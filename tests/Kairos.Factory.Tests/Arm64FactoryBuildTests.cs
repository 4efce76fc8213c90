using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.RegularExpressions;
using Kairos.Factory.Api;
using Kairos.Factory.Tests.Support;

namespace Kairos.Factory.Tests;

/// <summary>
/// Issue 32's Factory part, end to end: a real server, podman builder, given the arm64 kairos-stages
/// (<c>serve --kairos-stages-for arm64=…</c>), builds a Debian 12 arm64 root uploaded as a tarball for
/// <c>"architecture": "arm64"</c>. Every arm64 program of the build runs under qemu-user (binfmt_misc); the media stage
/// runs this machine's tools over the arm64 image. The outputs are checked with <c>file</c>: the ISO's kernel and the
/// root's are arm64 Linux kernels, a program of the ISO's squashfs and of the root archive is an aarch64 ELF, the image's
/// kairos-release says arm64 and every artifact is named from it; then the ISO boots on QEMU's <c>virt</c> under AAVMF.
/// </summary>
[Slow(SlowKind.Boot)]
[Arm64Lane]
public sealed partial class Arm64FactoryBuildTests
{
    // one emulated generic root took 20-40 min in the engine's arm64 lane, depending on the machine's load
    private static readonly TimeSpan BuildDeadline = TimeSpan.FromMinutes(90);

    // AuroraBoot's name of an image's artifacts, from its kairos-release
    private static readonly string[] StemKeys = ["FLAVOR", "FLAVOR_RELEASE", "VARIANT", "ARCH", "MODEL", "VERSION"];

    private static readonly TimeSpan BootDeadline = QemuLiveBoot.Deadline(10, factor: 2);

    [Fact]
    public async Task An_arm64_request_builds_an_uploaded_Debian_12_arm64_root_with_podman_for_linux_arm64_into_arm64_media_named_from_its_kairos_release()
    {
        if ((DebianBase.Unavailable() ?? Podman.Unavailable() ?? Arm64Lane.Unavailable()) is { } reason)
        {
            Assert.Skip(reason);
        }

        var cancellation = TestContext.Current.CancellationToken;
        var clock = Stopwatch.StartNew();
        var scratch = Directory.CreateTempSubdirectory("kf-arm64-").FullName;
        var artifacts = FixtureArtifacts.Create("arm64");
        try
        {
            // arrange: this machine's Debian 12 as the tools base (the media stage runs natively); the arm64 root after its
            // emulated second stage, with the live-report extension for the boot, as an upload; a server with both binaries
            var toolsBase = DebianBase.CreateRootTarball(scratch);
            // (serve --podman-root ROOT reads the store with the runroot ROOT-run)
            var podmanRoot = Path.Combine(scratch, "podman");
            Programs.Run("podman", "--root", podmanRoot, "--runroot", podmanRoot + "-run", "--storage-driver", "overlay", "import", toolsBase, "localhost/debian:12");
            File.Delete(toolsBase);
            var upload = Path.Combine(scratch, "debian-12-arm64.tar");
            using (var root = DebianRoot.Create("arm64"))
            {
                var extensions = Directory.CreateDirectory(Path.Combine(root.Path, "etc/kairos-init/stage-extensions")).FullName;
                File.WriteAllText(Path.Combine(extensions, "10-e2e-live.yaml"), LiveReport.ExtensionFor("ttyAMA0"));
                Programs.Run("tar", "--create", "--numeric-owner", "--exclude=./dev/*", "--file", upload, "--directory", root.Path, ".");
            }

            var rooted = clock.Elapsed;
            var dataDir = Path.Combine(scratch, "data");
            using var server = new FactoryServer(dataDir, "--builder", "podman", "--podman-root", podmanRoot, "--workers", "1",
                "--kairos-stages", DebianBase.Binary!, "--kairos-stages-for", "arm64=" + Arm64Lane.Binary, "--artifacts-dir", artifacts,
                "--iso-live-console", LiveReport.Arm64LiveConsole, "--tools-base", "localhost/debian:12");
            await server.WaitReadyAsync(TimeSpan.FromSeconds(90));
            server.Authorize();

            // act: upload, request arm64, follow the log (each line's arrival timed) to its end
            string uploadId;
            await using (var file = File.OpenRead(upload))
            using (var content = new StreamContent(file))
            {
                content.Headers.ContentType = new MediaTypeHeaderValue("application/x-tar");
                using var response = await server.Client.PostAsync("/api/v1/uploads", content, cancellation);
                Assert.True(response.IsSuccessStatusCode, await response.Content.ReadAsStringAsync(cancellation));
                uploadId = (await response.Content.ReadFromJsonAsync<UploadCreated>(FactoryHost.Json, cancellation))!.Id;
            }

            File.Delete(upload);
            var request = new BuildRequest
            {
                BaseUpload = uploadId,
                Version = "1.0.0",
                Architecture = "arm64",
                Model = "generic",
                Builder = "podman",
                Artifacts = new BuildArtifactsRequest { Iso = true, Rootfs = true },
            };
            var id = await server.CreateAsync(request);
            var started = clock.Elapsed;
            var (lines, status) = await BootedIsoEndToEndTests.FollowLogAsync(server.Client, id, cancellation, BuildDeadline);
            var built = clock.Elapsed;
            var phases = Phases(lines);
            TestContext.Current.TestOutputHelper?.WriteLine($"roots {rooted.TotalSeconds:0} s, build {(built - started).TotalSeconds:0} s: {phases}");
            Assert.True(status == "succeeded", $"the build ended {status}; log tail:\n{string.Join('\n', lines.TakeLast(40))}");

            // assert: the engine built for linux/arm64 from the upload imported as arm64, and ran the image's RUN lines,
            // validate among them; the media stage (this machine's platform) ran build-iso --arch arm64
            Assert.Contains(lines, line => line.Contains("[base]", StringComparison.Ordinal) && line.Contains(" import --arch arm64 ", StringComparison.Ordinal));
            Assert.Contains(lines, line => line.Contains("[build]", StringComparison.Ordinal) && line.Contains(" build --isolation chroot --network host --pull=never --platform linux/arm64 ", StringComparison.Ordinal));
            Assert.Contains(lines, line => line.Contains("RUN [\"/kairos-stages/kairos-stages\",\"validate\",\"--model\",\"generic\"]", StringComparison.Ordinal));
            Assert.Contains(lines, line => line.Contains("[media]", StringComparison.Ordinal) && line.Contains("\"build-iso\",\"dir:/rootfs\"", StringComparison.Ordinal) && line.Contains("\"--arch\",\"arm64\"", StringComparison.Ordinal));
            Assert.DoesNotContain(lines, line => line.Contains("[media]", StringComparison.Ordinal) && line.Contains(" build ", StringComparison.Ordinal) && line.Contains("--platform", StringComparison.Ordinal));

            var listed = (await server.Client.GetFromJsonAsync<List<ArtifactView>>($"/api/v1/builds/{id}/artifacts", FactoryHost.Json, cancellation))!;
            var rootfs = await TrustedBootJobEndToEndTests.DownloadAsync(server.Client, Assert.Single(listed, a => a.Name.EndsWith(".rootfs.tar", StringComparison.Ordinal)), scratch, cancellation);
            var unpacked = Directory.CreateDirectory(Path.Combine(scratch, "rootfs")).FullName;
            Programs.Run("tar", "--extract", "--file", rootfs, "--directory", unpacked, "--wildcards", "etc/kairos-release", "usr/bin/dpkg", "boot/vmlinuz-*");
            var release = File.ReadAllText(Path.Combine(unpacked, "etc/kairos-release"));
            Assert.Contains("KAIROS_ARCH=\"arm64\"", release, StringComparison.Ordinal);
            var stem = string.Join('-', StemKeys.Select(key => Value(release, "KAIROS_" + key)).Prepend("kairos"));
            Assert.Equal("kairos-debian-12-core-arm64-generic-v1.0.0", stem);
            string[] names = [stem + ".iso", stem + ".rootfs.tar"];
            Assert.Equal(names.SelectMany(name => new[] { name, name + ".sha256" }).Order(StringComparer.Ordinal), listed.Select(a => a.Name).Order(StringComparer.Ordinal));

            var rootKernel = Assert.Single(Directory.GetFiles(Path.Combine(unpacked, "boot"), "vmlinuz-*"));
            var rootKernelType = FileType(rootKernel);
            var rootProgramType = FileType(Path.Combine(unpacked, "usr/bin/dpkg"));
            var iso = await TrustedBootJobEndToEndTests.DownloadAsync(server.Client, listed.Single(a => a.Name == stem + ".iso"), scratch, cancellation);
            var isoKernel = Path.Combine(scratch, "iso-kernel");
            var squashfs = Path.Combine(scratch, "rootfs.squashfs");
            Programs.Run("xorriso", "-osirrox", "on", "-indev", iso, "-extract", "/boot/kernel", isoKernel, "-extract", "/rootfs.squashfs", squashfs);
            var fromSquashfs = Path.Combine(scratch, "squashfs");
            Programs.Run("unsquashfs", "-no-progress", "-d", fromSquashfs, squashfs, "usr/bin/dpkg", "etc/kairos-release");
            var isoKernelType = FileType(isoKernel);
            var isoProgramType = FileType(Path.Combine(fromSquashfs, "usr/bin/dpkg"));
            TestContext.Current.TestOutputHelper?.WriteLine($"file: ISO /boot/kernel: {isoKernelType}\nfile: ISO squashfs usr/bin/dpkg: {isoProgramType}\nfile: rootfs {Path.GetFileName(rootKernel)}: {rootKernelType}\nfile: rootfs usr/bin/dpkg: {rootProgramType}");
            Assert.StartsWith("Linux kernel ARM64 boot executable", isoKernelType, StringComparison.Ordinal);
            Assert.StartsWith("Linux kernel ARM64 boot executable", rootKernelType, StringComparison.Ordinal);
            Assert.Contains("ARM aarch64", isoProgramType, StringComparison.Ordinal);
            Assert.Contains("ARM aarch64", rootProgramType, StringComparison.Ordinal);
            Assert.Equal(release, File.ReadAllText(Path.Combine(fromSquashfs, "etc/kairos-release")));
            Directory.Delete(fromSquashfs, recursive: true);
            File.Delete(squashfs);
            File.Delete(rootfs);

            // and the ISO boots as an arm64 server boots it: virt, AAVMF, the image's own shim and GRUB, to multi-user
            var boot = "not booted: " + QemuLiveBoot.Arm64Unavailable();
            if (QemuLiveBoot.Arm64Unavailable() is null)
            {
                var (raw, poweredOff, elapsed) = await QemuLiveBoot.BootArm64Async(iso, BootDeadline, scratch);
                var serial = Regex.Replace(raw, @"\x1b\[[0-9;?]*[A-Za-z]", "");
                if (Environment.GetEnvironmentVariable("KAIROS_STAGES_BOOT_LOGS") is { Length: > 0 } logs) // CI keeps the serial console as an artifact
                {
                    await File.WriteAllTextAsync(Path.Combine(Directory.CreateDirectory(logs).FullName, "serial-factory-arm64-uefi.log"), raw, cancellation);
                }

                string Context() => $"\n--- serial (arm64, {elapsed.TotalSeconds:0}s, tcg), last lines ---\n{string.Join('\n', serial.Split('\n').TakeLast(60))}";
                TestContext.Current.TestOutputHelper?.WriteLine(string.Join('\n', serial.Split('\n').Where(line => AssertedLine().IsMatch(line))));
                Assert.Equal(LiveReport.ReleaseLines(release), LiveReport.AssertBooted(serial, Context));
                Assert.True(poweredOff, "the guest powers itself off before the deadline" + Context());
                boot = $"AAVMF boot to multi-user {elapsed.TotalSeconds:0} s (tcg)";
            }

            Figure($"factory-arm64-podman: 1 tried, 1 passed, {clock.Elapsed.TotalSeconds:F1} s; emulated (qemu-user): roots {rooted.TotalSeconds:0} s, build {(built - started).TotalSeconds:0} s ({phases}), {boot}");
            Assert.True(await server.TerminateAsync(TimeSpan.FromSeconds(30)), "the server ignored SIGTERM:\n" + server.Output);
        }
        finally
        {
            Directory.Delete(artifacts, recursive: true);
            if (Directory.Exists(Path.Combine(scratch, "podman")))
            {
                Programs.Try(["podman", "--root", Path.Combine(scratch, "podman"), "--runroot", Path.Combine(scratch, "podman-run"), "--storage-driver", "overlay", "rmi", "--all", "--force"]);
            }

            if (Directory.Exists(Path.Combine(scratch, "data", "podman")))
            {
                Programs.Try(["podman", .. Builders.PodmanStorage.Shared(new FactoryOptions { DataDir = Path.Combine(scratch, "data") }), "rmi", "--all", "--force"]);
            }

            foreach (var mount in Jobs.LeftoverCleaner.MountsUnder(scratch))
            {
                Programs.Try(["umount", "-l", mount]);
            }

            Directory.Delete(scratch, recursive: true);
        }
    }

    /// <summary>How long each phase of the job took, from its log lines' stamps: the job's steps, the image's RUN lines by what they run.</summary>
    private static string Phases(List<string> lines)
    {
        var marks = new List<(string Name, DateTimeOffset At)>();
        var last = DateTimeOffset.MinValue;
        foreach (var line in lines)
        {
            if (StampedLine().Match(line) is not { Success: true } stamped)
            {
                continue;
            }

            last = DateTimeOffset.Parse(stamped.Groups["at"].Value, CultureInfo.InvariantCulture);
            var run = RunLine().Match(line);
            var name = run.Success ? run.Groups["what"].Value : stamped.Groups["step"].Value;
            // the build step's own lines belong to the RUN line before them (its first lines, FROM and COPY, to "build")
            if (marks.Count == 0 || (marks[^1].Name != name && (run.Success || name != "build")))
            {
                marks.Add((name, last));
            }
        }

        marks.Add(("end", last));
        return string.Join(", ", marks.Zip(marks.Skip(1)).Select(pair => string.Create(CultureInfo.InvariantCulture, $"{pair.First.Name} {(pair.Second.At - pair.First.At).TotalSeconds:0} s")));
    }

    private static string Value(string release, string key) =>
        Regex.Match(release, "^" + key + "=\"?(?<value>[^\"\\n]*)\"?$", RegexOptions.Multiline) is { Success: true } match ? match.Groups["value"].Value : throw new InvalidOperationException($"kairos-release has no {key}:\n{release}");

    private static string FileType(string path) => Programs.Run("file", "--brief", path).Trim();

    private static void Figure(string line)
    {
        TestContext.Current.TestOutputHelper?.WriteLine(line);
        if (Environment.GetEnvironmentVariable("KAIROS_STAGES_FIGURES") is { Length: > 0 } path)
        {
            File.AppendAllText(path, line + "\n");
        }
    }

    // a podman STEP of the image: install, init (its two lines), validate
    [GeneratedRegex(@"STEP \d+/\d+: RUN \[""/kairos-stages/kairos-stages"",""(?:run"",""--stage"",""(?<what>\w+)|(?<what>validate))")]
    private static partial Regex RunLine();

    [GeneratedRegex(@"^(?<at>\S+Z) \[(?<step>[a-z-]+)\] ")]
    private static partial Regex StampedLine();

    [GeneratedRegex(@"Kairos debian v1\.0\.0|Kernel command line:|KS-IMMUCORE-STANDIN|KS-LIVE-|KAIROS_VERSION")]
    private static partial Regex AssertedLine();
}
