using System.Formats.Tar;
using System.Net.Http.Json;
using Kairos.Factory.Api;
using Kairos.Factory.Builders;
using Kairos.Factory.Tests.Support;

namespace Kairos.Factory.Tests;

/// <summary>The podman builder on real podman (a busybox base, the fixture kairos-stages), and the docker builder's buildx command line (serve --buildx-builder), recorded, and Dockerfile, built with podman.</summary>
public sealed class BuilderTests
{
    private static readonly TimeSpan Timeout = TimeSpan.FromMinutes(3);

    [Slow(SlowKind.Engine)]
    [Fact]
    public async Task Podman_builder_builds_the_generated_Containerfile_from_a_local_image_and_exports_oci_and_rootfs()
    {
        if (Podman.Unavailable() is { } why)
        {
            Assert.Skip(why);
        }

        // arrange: the base only in a private store the server reads from
        using var podman = new Podman();
        podman.Import(BaseTarball.Busybox(), "localhost/kf-busybox:1");
        using var host = new FactoryHost(options => options with { PodmanRoot = podman.Root, PodmanRunRoot = podman.RunRoot });

        // act
        var id = await host.CreateOkAsync(Requests.Podman("localhost/kf-busybox:1") with { Fips = true, Artifacts = new BuildArtifactsRequest { Oci = true, Rootfs = true } });
        var job = await host.WaitForAsync(id, Timeout, "failed", "succeeded");
        var artifacts = (await host.Client.GetFromJsonAsync<List<ArtifactView>>($"/api/v1/builds/{id}/artifacts", FactoryHost.Json))!;
        var log = await host.Client.GetStringAsync($"/api/v1/builds/{id}/logs");

        // assert: the RUN lines ran the binary in the image, and the outputs are real archives
        Assert.True(job.Status == "succeeded", job.Message + "\n" + log);
        Assert.Contains("fixture kairos-stages run --stage install --model generic --fips\n", log);
        Assert.Contains("fixture kairos-stages run --stage init --only-steps before-init,kernel,initramfsConfigs,initrd --model generic --fips\n", log);
        Assert.Contains("fixture kairos-stages run --stage init --skip-steps before-init,kernel,initramfsConfigs,initrd --version v1.0.0 --model generic --fips\n", log);
        Assert.True(job.Fips);
        Assert.Contains("fixture kairos-stages validate --model generic", log);
        var oci = artifacts.Single(artifact => artifact.Name.EndsWith(".oci.tar", StringComparison.Ordinal));
        var rootfs = artifacts.Single(artifact => artifact.Name.EndsWith(".rootfs.tar", StringComparison.Ordinal));
        Assert.Equal("OCI image", oci.Description);
        var ociEntries = Entries(await host.Authorized.GetByteArrayAsync(oci.Url));
        Assert.Contains("oci-layout", ociEntries.Keys);
        Assert.Contains("index.json", ociEntries.Keys);
        var rootEntries = Entries(await host.Authorized.GetByteArrayAsync(rootfs.Url));
        Assert.Contains("KAIROS_VERSION=v1.0.0\n", rootEntries["etc/kairos-release"]);
        Assert.Equal("kairos-fixture-1-core-amd64-generic-v1.0.0.oci.tar", oci.Name);
        Assert.Equal("kairos-fixture-1-core-amd64-generic-v1.0.0.rootfs.tar", rootfs.Name);
        Assert.DoesNotContain(rootEntries.Keys, name => name.StartsWith("kairos-stages/", StringComparison.Ordinal));
        Assert.Empty(Jobs.LeftoverCleaner.MountsUnder(host.DataDir));
        Assert.False(Directory.Exists(Path.Combine(host.DataDir, "work", id)));
    }

    [Slow(SlowKind.Engine)]
    [Fact]
    public async Task Cancelling_a_podman_build_stops_its_RUN_step_and_the_base_stays_in_the_shared_store()
    {
        if (Podman.Unavailable() is { } why)
        {
            Assert.Skip(why);
        }

        // arrange: a build whose install step sleeps inside podman build, in the server's shared store
        using var podman = new Podman();
        podman.Import(BaseTarball.Busybox(), "localhost/kf-busybox:1");
        using var host = new FactoryHost(options => options with { PodmanRoot = podman.Root, PodmanRunRoot = podman.RunRoot, KairosStagesBinary = FactoryHost.Fixture("stages-sleep.sh") });
        var id = await host.CreateOkAsync(Requests.Podman("localhost/kf-busybox:1"));
        var deadline = DateTime.UtcNow + Timeout;
        int[] sleeping;
        while ((sleeping = DockerBuilderTests.Sleepers()).Length == 0)
        {
            Assert.True(DateTime.UtcNow < deadline, $"the fixture never started in podman build: {(await host.GetAsync(id)).Message}");
            await Task.Delay(200);
        }

        // act
        using var cancel = await host.Authorized.PostAsync($"/api/v1/builds/{id}/cancel", null);
        var cancelled = await host.WaitForAsync(id, Timeout, "cancelled", "failed", "succeeded");

        // assert: the RUN step's process is gone, the work dir has no mounts, the base stays in the shared store for the next build
        Assert.Equal("cancelled", cancelled.Status);
        Assert.All(sleeping, pid => Assert.False(CancelTests.IsAlive(pid), $"the RUN step's process {pid} survived the cancel"));
        Assert.Empty(Jobs.LeftoverCleaner.MountsUnder(Path.Combine(host.DataDir, "work")));
        var sharedImages = Programs.Run(["podman", .. PodmanStorage.Shared(new FactoryOptions { DataDir = host.DataDir }), "images", "--format", "{{.Repository}}:{{.Tag}}"]);
        Assert.Contains("localhost/kf-busybox:1", sharedImages, StringComparison.Ordinal);
    }

    [Slow(SlowKind.Engine)]
    [Fact]
    public async Task Docker_builder_with_a_buildx_builder_calls_docker_buildx_with_the_builder_name_and_its_Dockerfile_builds_with_podman()
    {
        if (Podman.Unavailable() is { } why)
        {
            Assert.Skip(why);
        }

        // arrange
        var record = Directory.CreateTempSubdirectory("kf-buildx-").FullName;
        Environment.SetEnvironmentVariable("KF_BUILDX_RECORD", record);
        using var host = new FactoryHost(options => options with { Docker = FactoryHost.Fixture("docker-recorder.sh"), BuildxBuilder = "remote-kube" });
        var request = Requests.Podman("localhost/kf-busybox:1") with { Builder = "docker", Artifacts = new BuildArtifactsRequest { Oci = true, Rootfs = true } };

        // act
        var id = await host.CreateOkAsync(request);
        var job = await host.WaitForAsync(id, Timeout, "failed", "succeeded");

        // assert: two buildx calls (OCI, then the rootfs tar from the cache), each an argument list
        Assert.True(job.Status == "succeeded", job.Message);
        var context = Path.Combine(host.DataDir, "work", id, "context");
        var first = File.ReadAllLines(Path.Combine(record, "call-0", "args"));
        var second = File.ReadAllLines(Path.Combine(record, "call-1", "args"));
        Assert.Equal(["buildx", "build", "--builder", "remote-kube", "--platform", "linux/amd64", "--file", Path.Combine(context, "Dockerfile"), "--target", "image", "--output"], first[..11]);
        Assert.Equal($"type=oci,dest={Path.Combine(host.DataDir, "jobs", id, "artifacts", "unnamed.oci.tar")}", first[11]);
        Assert.Equal(context, first[12]);
        Assert.StartsWith("type=tar,dest=", second[11]);

        // the recorded Dockerfile is exactly the generated one, and podman builds it
        var dockerfile = File.ReadAllText(Path.Combine(record, "call-0", "context", "Dockerfile"));
        Assert.Contains("RUN [\"/kairos-stages/kairos-stages\",\"run\",\"--stage\",\"install\",\"--model\",\"generic\"]", dockerfile);
        using var podman = new Podman();
        podman.Import(BaseTarball.Busybox(), "localhost/kf-busybox:1");
        var built = podman.Run("build", "--isolation", "chroot", "--network", "host", "--pull=never", "--tag", "localhost/kf-buildx:1",
            "--file", Path.Combine(record, "call-0", "context", "Dockerfile"), Path.Combine(record, "call-0", "context"));
        Assert.Contains("fixture kairos-stages validate", built);
        Directory.Delete(record, recursive: true);
    }

    // KF_BUILDX_RECORD is process-wide: the buildx tests live in this one class so they never run at once
    [Fact]
    public async Task The_docker_builders_Dockerfile_carries_fips_on_the_install_and_init_run_lines()
    {
        var record = Directory.CreateTempSubdirectory("kf-buildx-fips-").FullName;
        Environment.SetEnvironmentVariable("KF_BUILDX_RECORD", record);
        using var host = new FactoryHost(options => options with { Docker = FactoryHost.Fixture("docker-recorder.sh"), BuildxBuilder = "remote" });

        var id = await host.CreateOkAsync(Requests.Podman("localhost/debian:12") with { Builder = "docker", Fips = true });
        var job = await host.WaitForAsync(id, Timeout, "failed", "succeeded");

        Assert.True(job.Status == "succeeded", job.Message);
        var dockerfile = File.ReadAllLines(Path.Combine(record, "call-0", "context", "Dockerfile"));
        Assert.Contains("""RUN ["/kairos-stages/kairos-stages","run","--stage","install","--model","generic","--fips"]""", dockerfile);
        Assert.Contains("""RUN ["/kairos-stages/kairos-stages","run","--stage","init","--only-steps","before-init,kernel,initramfsConfigs,initrd","--model","generic","--fips"]""", dockerfile);
        Assert.Contains("""RUN ["/kairos-stages/kairos-stages","run","--stage","init","--skip-steps","before-init,kernel,initramfsConfigs,initrd","--version","v1.0.0","--model","generic","--fips"]""", dockerfile);
        Assert.Contains("""RUN ["/kairos-stages/kairos-stages","validate","--model","generic"]""", dockerfile);

        // the engine's OCI archive is named, as every artifact, from the kairos-release inside it
        var artifacts = (await host.Client.GetFromJsonAsync<List<ArtifactView>>($"/api/v1/builds/{id}/artifacts", FactoryHost.Json))!;
        Assert.Equal(["kairos-fixture-1-core-amd64-generic-v1.0.0.oci.tar", "kairos-fixture-1-core-amd64-generic-v1.0.0.oci.tar.sha256"], artifacts.Select(artifact => artifact.Name));
        Directory.Delete(record, recursive: true);
    }

    [Fact]
    public async Task A_buildx_build_asking_for_media_exports_the_media_target_with_its_secrets_and_runs_nothing_on_the_host()
    {
        var record = Directory.CreateTempSubdirectory("kf-buildx-media-").FullName;
        Environment.SetEnvironmentVariable("KF_BUILDX_RECORD", record);
        using var host = new FactoryHost(options => options with { Docker = FactoryHost.Fixture("docker-recorder.sh"), BuildxBuilder = "remote", ToolsBase = "registry.example.org/debian:12" });

        var id = await host.CreateOkAsync(Requests.Podman("localhost/debian:12") with { Builder = "docker", CloudConfig = "#cloud-config\nhostname: buildx\n", Artifacts = new BuildArtifactsRequest { Iso = true } });
        var job = await host.WaitForAsync(id, Timeout, "failed", "succeeded");

        // one call: the media target, the cloud-config as a secret, /out exported as files; the ISO named from its kairos-release
        Assert.True(job.Status == "succeeded", job.Message);
        Assert.Equal(["call-0"], Directory.GetDirectories(record).Select(Path.GetFileName));
        var arguments = File.ReadAllLines(Path.Combine(record, "call-0", "args"));
        Assert.Equal(["--target", "media-out", "--secret", $"id=cloud-config,src={Path.Combine(host.DataDir, "work", id, "media-cloud-config.yaml")}", "--output"], arguments[8..13]);
        Assert.Equal($"type=local,dest={Path.Combine(host.DataDir, "work", id, "media")}", arguments[13]);
        var dockerfile = File.ReadAllText(Path.Combine(record, "call-0", "context", "Dockerfile"));
        Assert.Contains("\nFROM --platform=$BUILDPLATFORM registry.example.org/debian:12 AS tools\n", dockerfile, StringComparison.Ordinal);
        Assert.Contains("\nFROM --platform=$BUILDPLATFORM tools AS media\n", dockerfile, StringComparison.Ordinal);
        Assert.True(File.Exists(Path.Combine(record, "call-0", "context", "install-deps.sh")));
        var artifacts = (await host.Client.GetFromJsonAsync<List<ArtifactView>>($"/api/v1/builds/{id}/artifacts", FactoryHost.Json))!;
        Assert.Equal(["kairos-fixture-1-core-amd64-generic-v1.0.0.iso", "kairos-fixture-1-core-amd64-generic-v1.0.0.iso.sha256"], artifacts.Select(artifact => artifact.Name));
        Directory.Delete(record, recursive: true);
    }

    [Fact]
    public async Task A_buildx_build_of_an_rpi4_disk_runs_build_disk_with_the_model_for_linux_arm64_and_names_the_disk_from_kairos_release()
    {
        // issue 32: a Pi model's raw_efi is the Pi disk; a buildx builder decides for itself whether it runs arm64 (no binfmt check here)
        var record = Directory.CreateTempSubdirectory("kf-buildx-rpi-").FullName;
        Environment.SetEnvironmentVariable("KF_BUILDX_RECORD", record);
        // the arm64 binary the server was given (its bytes only matter here: the recorder runs nothing from the context)
        var arm64 = Path.Combine(record, "..", Path.GetFileName(record) + "-arm64-kairos-stages");
        File.WriteAllText(arm64, "arm64 kairos-stages stand-in\n");
        using var host = new FactoryHost(options => options with
        {
            Docker = FactoryHost.Fixture("docker-recorder.sh"),
            BuildxBuilder = "remote",
            ToolsBase = "registry.example.org/debian:12",
            ForeignBinaries = new Dictionary<string, string> { ["arm64"] = arm64 },
        });

        var id = await host.CreateOkAsync(Requests.Podman("localhost/debian:12") with { Builder = "docker", Architecture = "arm64", Model = "rpi4", Artifacts = new BuildArtifactsRequest { RawEfi = true } });
        var job = await host.WaitForAsync(id, Timeout, "failed", "succeeded");

        Assert.True(job.Status == "succeeded", job.Message);
        var arguments = File.ReadAllLines(Path.Combine(record, "call-0", "args"));
        Assert.Equal(["buildx", "build", "--builder", "remote", "--platform", "linux/arm64"], arguments[..6]);
        var dockerfile = File.ReadAllLines(Path.Combine(record, "call-0", "context", "Dockerfile"));
        Assert.Contains("""RUN ["/kairos-stages/kairos-stages","run","--stage","init","--skip-steps","before-init,kernel,initramfsConfigs,initrd","--version","v1.0.0","--model","rpi4"]""", dockerfile);
        Assert.Contains("""RUN --mount=type=bind,from=image,target=/rootfs ["/usr/local/bin/kairos-stages","build-disk","dir:/rootfs","--output","/out/disk-raw_efi","--firmware","efi","--format","raw","--model","rpi4"]""", dockerfile);
        Assert.DoesNotContain(dockerfile, line => line.Contains("\"build-iso\"", StringComparison.Ordinal));
        Assert.Contains("FROM --platform=$BUILDPLATFORM tools AS media", dockerfile);
        // the image runs the arm64 binary; the tools stage, on the build platform, the server's own
        Assert.Contains("COPY kairos-stages-arm64 /kairos-stages/kairos-stages", dockerfile);
        Assert.Equal(File.ReadAllBytes(arm64), File.ReadAllBytes(Path.Combine(record, "call-0", "context", "kairos-stages-arm64")));
        Assert.Equal(File.ReadAllBytes(host.Options.KairosStagesBinary), File.ReadAllBytes(Path.Combine(record, "call-0", "context", "kairos-stages")));
        var artifacts = (await host.Client.GetFromJsonAsync<List<ArtifactView>>($"/api/v1/builds/{id}/artifacts", FactoryHost.Json))!;
        Assert.Equal(["kairos-fixture-1-core-arm64-rpi4-v1.0.0.raw", "kairos-fixture-1-core-arm64-rpi4-v1.0.0.raw.sha256"], artifacts.Select(artifact => artifact.Name));
        Directory.Delete(record, recursive: true);
        File.Delete(arm64);
    }

    [Fact]
    public void Generated_Containerfile_runs_every_value_as_an_exec_form_argument()
    {
        var spec = new BuildSpec
        {
            Image = "localhost/debian:12",
            Version = "v1.2.3",
            Architecture = "amd64",
            Model = "generic",
            Variant = "standard",
            KubernetesDistribution = "k3s",
            KubernetesVersion = "v1.32.1+k3s1",
            TrustedBoot = true,
            Builder = "podman",
            Artifacts = new BuildOutputs(true, false, false),
        };

        var text = ContainerfileWriter.Render("job1", spec, "localhost/debian:12", offlineArtifacts: true);

        Assert.Equal(
            """
            # generated by kairos-factory for build job1
            FROM localhost/debian:12 AS image
            COPY kairos-stages-amd64 /kairos-stages/kairos-stages
            COPY artifacts /kairos-stages/artifacts
            RUN ["/kairos-stages/kairos-stages","run","--stage","install","--model","generic","--kubernetes","k3s","--k8s-version","v1.32.1\u002Bk3s1","--trusted-boot","true","--artifacts-dir","/kairos-stages/artifacts"]
            RUN ["/kairos-stages/kairos-stages","run","--stage","init","--only-steps","before-init,kernel,initramfsConfigs,initrd","--model","generic","--kubernetes","k3s","--k8s-version","v1.32.1\u002Bk3s1","--trusted-boot","true","--artifacts-dir","/kairos-stages/artifacts"]
            # the version starts here: every line above is shared by all versions of this base
            RUN ["/kairos-stages/kairos-stages","run","--stage","init","--skip-steps","before-init,kernel,initramfsConfigs,initrd","--version","v1.2.3","--model","generic","--kubernetes","k3s","--k8s-version","v1.32.1\u002Bk3s1","--trusted-boot","true","--artifacts-dir","/kairos-stages/artifacts"]
            RUN ["/kairos-stages/kairos-stages","validate","--model","generic","--kubernetes","k3s","--trusted-boot","true"]
            RUN ["rm","-rf","/kairos-stages"]

            """, text);
    }

    /// <summary>A tarball's entries by name (leading ./ removed), small files' text as the value, else empty.</summary>
    internal static Dictionary<string, string> Entries(byte[] tar)
    {
        var entries = new Dictionary<string, string>(StringComparer.Ordinal);
        using var reader = new TarReader(new MemoryStream(tar));
        while (reader.GetNextEntry() is { } entry)
        {
            var name = entry.Name.TrimStart('.', '/');
            entries[name] = entry.DataStream is { } data && entry.Length < 4096 ? new StreamReader(data).ReadToEnd() : "";
        }

        return entries;
    }
}
