using Kairos.Factory.Api;
using Kairos.Factory.Builders;
using Kairos.Factory.Jobs;
using Kairos.Factory.Store;
using Kairos.Factory.Tests.Support;

namespace Kairos.Factory.Tests;

/// <summary>
/// The media stages of the generated Containerfile (<see cref="MediaStage"/>): what runs in the tools image, which
/// secrets the engine mounts (never in the text, never in the context), and how the engine's export is named.
/// The stages themselves run in BootedIsoEndToEndTests (podman) and TrustedBootJobEndToEndTests (dockerd's BuildKit).
/// </summary>
public sealed class MediaStageTests : IDisposable
{
    private const string Tools = "localhost/kairos-factory/tools:0123456789abcdef";
    private readonly string _scratch = Directory.CreateTempSubdirectory("kf-media-stage-").FullName;

    [Fact]
    public void A_trusted_boot_build_mounts_each_key_and_the_cloud_config_as_secrets_and_runs_build_uki_in_the_tools_image()
    {
        // arrange
        var keys = Directory.CreateDirectory(Path.Combine(_scratch, "keys")).FullName;
        File.WriteAllText(Path.Combine(keys, "db.key"), "PRIVATE KEY BYTES");
        File.WriteAllText(Path.Combine(keys, "db.pem"), "CERT");
        var context = Context(Spec(trustedBoot: true, cloudConfig: "#cloud-config\npassword: hunter2\n") with { Artifacts = new BuildOutputs(true, false, false) { Uki = true } }, keys);

        // act
        var (text, secrets) = MediaStage.Render(context, Tools);

        // assert: the tools stage over the image stage, the keys and cloud-config only as mounts, the tree tarred in the engine
        Assert.StartsWith("# the media, made inside the engine from the image above\nFROM --platform=$BUILDPLATFORM " + Tools + " AS media\nRUN [\"mkdir\",\"-p\",\"/out\"]\n", text, StringComparison.Ordinal);
        Assert.DoesNotContain("COPY --from=image", text, StringComparison.Ordinal);
        Assert.All(text.Split('\n').Where(line => line.StartsWith("RUN ", StringComparison.Ordinal) && line.Contains("/rootfs", StringComparison.Ordinal)),
            line => Assert.StartsWith("RUN --mount=type=bind,from=image,target=/rootfs ", line, StringComparison.Ordinal));
        Assert.DoesNotContain("PRIVATE KEY BYTES", text, StringComparison.Ordinal);
        Assert.DoesNotContain("hunter2", text, StringComparison.Ordinal);
        Assert.Equal(["cloud-config", "uki-key-0", "uki-key-1"], secrets.Select(secret => secret.Id));
        Assert.Equal([Path.Combine(keys, "db.key"), Path.Combine(keys, "db.pem")], secrets.Skip(1).Select(secret => secret.Source));
        Assert.Equal("#cloud-config\npassword: hunter2\n", File.ReadAllText(secrets[0].Source));
        Assert.Matches(@"RUN --mount=type=bind,from=image,target=/rootfs --mount=type=secret,id=uki-key-0,target=/run/kairos/keys-[0-9a-f]{16}/db\.key --mount=type=secret,id=uki-key-1,target=/run/kairos/keys-[0-9a-f]{16}/db\.pem --mount=type=secret,id=cloud-config,target=/run/kairos/cloud-config-[0-9a-f]{16}\.yaml \[""/usr/local/bin/kairos-stages"",""build-uki"",""dir:/rootfs"",""--keys"",""/run/kairos/keys-[0-9a-f]{16}"",""--output-dir"",""/out/uki-iso"",""--output-type"",""iso"",""--secure-boot-enroll"",""force"",""--cloud-config"",""/run/kairos/cloud-config-[0-9a-f]{16}\.yaml""\]", text);
        Assert.Contains("RUN --mount=type=bind,from=image,target=/rootfs [\"tar\",\"--create\",\"--numeric-owner\",\"--owner=0\",\"--group=0\",\"--sort=name\",\"--file\",\"/out/uki.tar\",\"--directory\",\"/out/uki\",\"EFI\",\"loader\"]\n", text, StringComparison.Ordinal);
        Assert.DoesNotContain("build-iso", text, StringComparison.Ordinal);
        Assert.EndsWith("FROM scratch AS media-out\nCOPY --from=media /out /\n", text, StringComparison.Ordinal);
    }

    [Fact]
    public void A_changed_cloud_config_or_key_changes_the_RUN_line_so_the_engine_cache_cannot_serve_the_old_media()
    {
        var keys = Directory.CreateDirectory(Path.Combine(_scratch, "keys")).FullName;
        File.WriteAllText(Path.Combine(keys, "db.key"), "one");
        string Render(string cloudConfig) => MediaStage.Render(Context(Spec(trustedBoot: true, cloudConfig: cloudConfig), keys), Tools).Text;

        var first = Render("#cloud-config\nhostname: a\n");
        var same = Render("#cloud-config\nhostname: a\n");
        var otherConfig = Render("#cloud-config\nhostname: b\n");
        File.WriteAllText(Path.Combine(keys, "db.key"), "two");
        var otherKey = Render("#cloud-config\nhostname: a\n");

        Assert.Equal(first, same);
        Assert.NotEqual(first, otherConfig);
        Assert.NotEqual(first, otherKey);
    }

    [Fact]
    public void A_live_build_runs_build_iso_with_netboot_and_each_disk_and_the_export_is_named_from_kairos_release()
    {
        // arrange
        var spec = Spec(trustedBoot: false, cloudConfig: null) with { Artifacts = new BuildOutputs(true, false, false) { RawBios = true, Netboot = true } };
        var context = Context(spec, null);

        // act
        var (text, secrets) = MediaStage.Render(context, Tools);
        var exported = Directory.CreateDirectory(Path.Combine(_scratch, "exported")).FullName;
        File.WriteAllText(Path.Combine(exported, "kairos-release"), "KAIROS_FLAVOR=\"debian\"\nKAIROS_FLAVOR_RELEASE=\"12\"\nKAIROS_VARIANT=\"core\"\nKAIROS_MODEL=\"generic\"\nKAIROS_ARCH=\"amd64\"\nKAIROS_VERSION=\"v1.0.0\"\n");
        Directory.CreateDirectory(Path.Combine(exported, "iso"));
        File.WriteAllText(Path.Combine(exported, "iso", "live.iso"), "iso");
        File.WriteAllText(Path.Combine(exported, "netboot.tar"), "netboot");
        Directory.CreateDirectory(Path.Combine(exported, "disk-raw_bios"));
        File.WriteAllText(Path.Combine(exported, "disk-raw_bios", "whatever.raw"), "disk");
        File.WriteAllText(Path.Combine(exported, "disk-raw_bios", "whatever.raw.sha256"), "a checksum beside it is no medium");
        MediaStage.Publish(context, exported);

        // assert
        Assert.Empty(secrets);
        Assert.Contains("RUN --mount=type=bind,from=image,target=/rootfs [\"/usr/local/bin/kairos-stages\",\"build-iso\",\"dir:/rootfs\",\"--output\",\"/out/iso\",\"--override-name\",\"live\",\"--arch\",\"amd64\",\"--netboot\"]\n", text, StringComparison.Ordinal);
        Assert.Contains("RUN --mount=type=bind,from=image,target=/rootfs [\"/usr/local/bin/kairos-stages\",\"build-disk\",\"dir:/rootfs\",\"--output\",\"/out/disk-raw_bios\",\"--firmware\",\"bios\",\"--format\",\"raw\",\"--model\",\"generic\"]\n", text, StringComparison.Ordinal);
        Assert.DoesNotContain("--mount=type=secret", text, StringComparison.Ordinal);
        Assert.Equal(["kairos-debian-12-core-amd64-generic-v1.0.0-bios.raw", "kairos-debian-12-core-amd64-generic-v1.0.0-netboot.tar", "kairos-debian-12-core-amd64-generic-v1.0.0.iso"],
            Directory.GetFiles(context.OutputDir).Select(Path.GetFileName).Order(StringComparer.Ordinal));
        Assert.False(Directory.Exists(exported));
    }

    [Fact]
    public void Podmans_media_stage_mounts_the_tagged_image_in_every_RUN_and_writes_only_to_the_build_volume()
    {
        // arrange: issue 30: COPY --from=image / /rootfs, the RUN layers holding /out and media-out's copy of it made
        // podman (buildah) write each uncompressed disk several times, and a raw EFI + BIOS raw + VHD build filled a 64 GB disk
        var spec = Spec(trustedBoot: false, cloudConfig: "#cloud-config\nhostname: a\n") with { Artifacts = new BuildOutputs(true, false, false) { RawEfi = true, RawBios = true, Vhd = true, Netboot = true } };
        var context = Context(spec, null);
        const string Tag = "localhost/kairos-factory/build:job1";

        // act
        var (text, secrets) = MediaStage.Render(context, Tools, Tag);

        // assert: the root is the tagged image, mounted (a tag: buildah 1.28 mounts a cached stage's base instead of the stage);
        // nothing copies it or /out into a layer, and no stage follows for an export
        var lines = text.Split('\n', StringSplitOptions.RemoveEmptyEntries).Where(line => !line.StartsWith('#')).ToList();
        Assert.Equal("FROM " + Tools + " AS media", lines[0]);
        Assert.All(lines.Skip(1), line => Assert.StartsWith("RUN --mount=type=bind,from=" + Tag + ",target=/rootfs ", line, StringComparison.Ordinal));
        Assert.DoesNotContain("COPY", text, StringComparison.Ordinal);
        Assert.DoesNotContain("FROM scratch", text, StringComparison.Ordinal);
        Assert.DoesNotContain(MediaStage.Target, text, StringComparison.Ordinal);
        Assert.Equal(["raw_efi", "raw_bios", "vhd"], lines.Where(line => line.Contains("\"build-disk\"", StringComparison.Ordinal)).Select(line => line.Split("/out/disk-")[1].Split('"')[0]));
        Assert.Contains("RUN --mount=type=bind,from=" + Tag + ",target=/rootfs --mount=type=secret,id=cloud-config,", text, StringComparison.Ordinal);
        Assert.Equal("cloud-config", Assert.Single(secrets).Id);
    }

    [Fact]
    public void An_rpi4_disk_request_runs_build_disk_with_the_model_the_image_built_for_linux_arm64_and_the_media_stage_on_the_engines_platform()
    {
        // arrange: issue 32: a Pi model's raw_efi is the Pi disk (build-disk --model), built for the request's architecture
        var spec = Spec(trustedBoot: false, cloudConfig: null) with { Architecture = "arm64", Model = "rpi4", Artifacts = new BuildOutputs(false, false, false) { RawEfi = true } };
        var context = Context(spec, null);
        const string Tag = "localhost/kairos-factory/build:job1";

        // act
        var (podman, _) = MediaStage.Render(context, Tools, Tag);
        var (docker, _) = MediaStage.Render(context, Tools);
        var build = PodmanBuilder.BuildArguments(["--root", "/store"], spec.Architecture);
        var mediaBuild = PodmanBuilder.BuildArguments(["--root", "/store"], null);

        // assert: both engines' media stages carry the model; no live ISO for a Pi
        const string Disk = "[\"/usr/local/bin/kairos-stages\",\"build-disk\",\"dir:/rootfs\",\"--output\",\"/out/disk-raw_efi\",\"--firmware\",\"efi\",\"--format\",\"raw\",\"--model\",\"rpi4\"]\n";
        Assert.Contains("RUN --mount=type=bind,from=" + Tag + ",target=/rootfs " + Disk, podman, StringComparison.Ordinal);
        Assert.Contains("RUN --mount=type=bind,from=image,target=/rootfs " + Disk, docker, StringComparison.Ordinal);
        Assert.DoesNotContain("build-iso", podman + docker, StringComparison.Ordinal);
        Assert.Equal(["--root", "/store", "build", "--isolation", "chroot", "--network", "host", "--pull=never", "--platform", "linux/arm64"], build);

        // the media stage runs on this machine's platform, as its tools image is (the arm64 image is only read): podman
        // 4.3 given --platform linux/arm64 finds no amd64 tools image, dockerd's BuildKit goes to a registry for one
        Assert.DoesNotContain("--platform", mediaBuild);
        Assert.StartsWith("FROM " + Tools + " AS media\n", podman[podman.IndexOf("FROM ", StringComparison.Ordinal)..], StringComparison.Ordinal);
        Assert.Contains("\nFROM --platform=$BUILDPLATFORM " + Tools + " AS media\n", docker, StringComparison.Ordinal);
    }

    [Fact]
    public void An_export_without_the_asked_file_fails_the_build_naming_it()
    {
        var context = Context(Spec(trustedBoot: false, cloudConfig: null), null);
        var exported = Directory.CreateDirectory(Path.Combine(_scratch, "exported")).FullName;
        File.WriteAllText(Path.Combine(exported, "kairos-release"), "KAIROS_FLAVOR=\"debian\"\nKAIROS_ARCH=\"amd64\"\n");

        var failure = Assert.Throws<StepFailedException>(() => MediaStage.Publish(context, exported));

        Assert.Contains("the engine exported no live.iso", failure.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_buildx_context_carries_tools_Containerfile_as_its_tools_stage_and_what_that_stage_copies()
    {
        // arrange
        var context = Context(Spec(trustedBoot: false, cloudConfig: null), null);

        // act
        var (directory, _) = ContainerfileWriter.WriteContext(context, "localhost/debian:12", "Dockerfile", inlineTools: "registry.example.org/debian:12");

        // assert: every instruction of tools.Containerfile, in its order, FROM the tools base as the stage the media stage is FROM
        var text = File.ReadAllText(Path.Combine(directory, "Dockerfile"));
        var instructions = ToolsImage.Resource("tools.Containerfile").Split('\n').Where(line => line.Length > 0 && !line.StartsWith('#') && !line.StartsWith("ARG ", StringComparison.Ordinal) && !line.StartsWith("FROM ", StringComparison.Ordinal)).ToList();
        Assert.Contains("\nFROM --platform=$BUILDPLATFORM registry.example.org/debian:12 AS tools\n" + string.Join('\n', instructions) + "\n", text, StringComparison.Ordinal);
        Assert.Contains("\nFROM --platform=$BUILDPLATFORM tools AS media\n", text, StringComparison.Ordinal);
        Assert.DoesNotContain("TOOLS_BASE", text, StringComparison.Ordinal);
        Assert.Equal(ToolsImage.Resource("install-deps.sh"), File.ReadAllText(Path.Combine(directory, "install-deps.sh")));
        Assert.Equal(File.ReadAllBytes(context.Options.KairosStagesBinary), File.ReadAllBytes(Path.Combine(directory, "kairos-stages")));
    }

    public void Dispose() => Directory.Delete(_scratch, recursive: true);

    /// <summary>A podman build of localhost/debian:12 asking the ISO (the media tests' request).</summary>
    internal static BuildSpec Spec(bool trustedBoot, string? cloudConfig) => new()
    {
        Image = "localhost/debian:12",
        Version = "v1.0.0",
        Architecture = "amd64",
        Model = "generic",
        Variant = "core",
        TrustedBoot = trustedBoot,
        CloudConfig = cloudConfig,
        Builder = "podman",
        Artifacts = new BuildOutputs(true, false, false),
    };

    private BuildJobContext Context(BuildSpec spec, string? keys)
    {
        var job = new JobRecord("job1", "running", null, spec, DateTimeOffset.UtcNow, DateTimeOffset.UtcNow, null, null, null);
        var work = Directory.CreateDirectory(Path.Combine(_scratch, "work")).FullName;
        var output = Directory.CreateDirectory(Path.Combine(_scratch, "output")).FullName;
        var log = new JobLog(Path.Combine(_scratch, "build.log"), job.Id, new LogHub(), new SecretMask([]));
        return new BuildJobContext(job, work, output, new JobProcesses("prefix:", job.Id, log, CancellationToken.None), log, new FactoryOptions { DataDir = _scratch, UkiKeysDir = keys, KairosStagesBinary = FactoryHost.Fixture("stages-ok.sh") });
    }
}
