using System.Security.Cryptography;
using System.Text;
using Kairos.Factory.Jobs;
using Kairos.Stages.Image.Release;
using Kairos.Stages.Media.Disk;

namespace Kairos.Factory.Builders;

/// <summary>A secret the engine mounts into one RUN of the media stage (<c>--secret id=ID,src=SOURCE</c>), never a layer.</summary>
public sealed record EngineSecret(string Id, string Source)
{
    public string Flag => $"id={Id},src={Source}";
}

/// <summary>
/// The media stage of a build, run by the engine <c>FROM tools AS media</c> (<see cref="ToolsImage"/>): build-iso,
/// build-disk (<c>--model</c> the request's: a Raspberry Pi model's raw_efi is the Pi disk) and build-uki read the built
/// image at /rootfs and write into /out, as exec-form RUN lines. Docker (BuildKit):
/// appended to the build's Dockerfile, the image stage bind-mounted read-only at /rootfs in each RUN
/// (<c>RUN --mount=type=bind,from=image</c>: no copy of the root, no checksum of its files for a COPY's cache key), and
/// <c>FROM scratch AS media-out</c> holding only /out, which BuildKit exports (<c>--output type=local</c>; its exporter commits no layer).
/// podman: a file of its own, the tagged image bind-mounted read-only at /rootfs in each RUN (<c>RUN --mount=type=bind,from=TAG</c>:
/// no copy of the root; a tag, not the stage, as buildah 1.28 mounts a cached stage's base instead of the stage) and /out
/// the build's <c>--volume</c>: each medium is written once, straight into the job's work dir, and in no layer (buildah
/// commits every RUN's layer, holes filled, and copied media-out's /out again). The Trusted Boot keys and the cloud-config
/// reach their RUN as secret mounts (<c>RUN --mount=type=secret</c>): in no layer, no context. Their content hash is in
/// the mount's path, so a changed key or cloud-config misses the cache (the engine does not hash secrets); the media the
/// RUN writes do hold the cloud-config (an ISO carries it), so BuildKit's layer is as private as the ISO itself. The
/// server only moves the exported files to their names (<see cref="Publish"/>).
/// </summary>
public static class MediaStage
{
    /// <summary>The stage BuildKit exports (docker); podman's media stage writes into its volume instead.</summary>
    public const string Target = "media-out";

    /// <summary>The image stage of the generated Containerfile (the built Kairos image).</summary>
    public const string ImageStage = "image";

    /// <summary>Where the media commands write: the exported stage's content (docker), the build's volume (podman).</summary>
    public const string Out = "/out";

    /// <summary>
    /// The media stage runs on the engine's own platform, whatever the image's: the tools are this machine's (no
    /// emulation) and only read the image's files. Without it a linux/arm64 build asks BuildKit for an arm64 tools image
    /// (dockerd 20.10 then tries a registry for it) and podman 4.3 finds no tools image ("image not known").
    /// </summary>
    public const string BuildPlatform = "--platform=$BUILDPLATFORM ";

    /// <summary>What systemd-boot does with the keys on the UKI media: enroll them on first boot (a machine in setup mode).</summary>
    public const string SecureBootEnroll = "force";

    /// <summary>The disk outputs: request name, firmware and format.</summary>
    public static readonly (string Name, DiskFirmware Firmware, DiskFormat Format)[] Disks =
    [
        ("raw_efi", DiskFirmware.Efi, DiskFormat.Raw),
        ("raw_bios", DiskFirmware.Bios, DiskFormat.Raw),
        ("vhd", DiskFirmware.Efi, DiskFormat.Vhd),
        ("gce", DiskFirmware.Efi, DiskFormat.Gce),
        ("maas", DiskFirmware.Efi, DiskFormat.Maas),
    ];

    /// <summary>True when the build asks for any media (everything but the oci and rootfs archives).</summary>
    public static bool Wanted(BuildJobContext context) => context.Spec.Artifacts.NeedsImage;

    private static bool LiveIso(BuildJobContext context) => context.Spec.Artifacts.Iso && !context.Spec.TrustedBoot;

    /// <summary>
    /// The stages' text, and the secrets the engine is given for them (files under the job's work dir). With
    /// <paramref name="mountedImage"/> (podman: the built image's tag) the stage bind-mounts that image at /rootfs in every
    /// RUN and leaves /out to the build's volume (no media-out stage); without it, the Dockerfile's stages after the image stage.
    /// </summary>
    public static (string Text, List<EngineSecret> Secrets) Render(BuildJobContext context, string tools, string? mountedImage = null)
    {
        var spec = context.Spec;
        var outputs = spec.Artifacts;
        var secrets = new List<EngineSecret>();
        var root = $"--mount=type=bind,from={mountedImage ?? ImageStage},target=/rootfs ";
        string Run(string mounts, IReadOnlyList<string> arguments) => ContainerfileWriter.Run(arguments, root + mounts);
        var text = new StringBuilder()
            .Append(mountedImage is null ? "# the media, made inside the engine from the image above\n" : "# the media, made inside the engine from the built image (/rootfs); /out is the build's volume\n")
            .Append("FROM ").Append(mountedImage is null ? BuildPlatform : "").Append(tools).Append(" AS media\n");
        if (mountedImage is null)
        {
            text.Append(ContainerfileWriter.Run(["mkdir", "-p", Out]));
        }

        text.Append(Run("", ["cp", "/rootfs/etc/kairos-release", Out + "/kairos-release"]));
        var (cloudMount, cloudPath) = CloudConfig(context, secrets);
        List<string> cloud = cloudPath is null ? [] : ["--cloud-config", cloudPath];
        if (LiveIso(context) || outputs.Netboot)
        {
            List<string> iso = [ToolsImage.Binary, "build-iso", "dir:/rootfs", "--output", Out + "/iso", "--override-name", "live", "--arch", spec.Architecture, .. cloud];
            if (context.Options.IsoLiveConsole is { } console)
            {
                iso.AddRange(["--live-console", console]);
            }

            if (outputs.Netboot)
            {
                iso.Add("--netboot");
            }

            text.Append(Run(cloudMount, iso));
            if (outputs.Netboot)
            {
                text.Append(Run("", Tar(Out + "/netboot.tar", Out + "/iso", "netboot"))).Append(Run("", ["rm", "-rf", Out + "/iso/netboot"]));
            }
        }

        foreach (var disk in Disks.Where(disk => outputs.Names.Contains(disk.Name)))
        {
            text.Append(Run(cloudMount, [ToolsImage.Binary, "build-disk", "dir:/rootfs", "--output", Out + "/disk-" + disk.Name,
                "--firmware", disk.Firmware.ToString().ToLowerInvariant(), "--format", disk.Format.ToString().ToLowerInvariant(), "--model", spec.Model, .. cloud]));
        }

        var ukis = new List<(string Step, string Type)>();
        if (spec.TrustedBoot && outputs.Iso)
        {
            ukis.Add(("uki-iso", "iso"));
        }

        if (outputs.Uki)
        {
            ukis.Add(("uki", "uki"));
        }

        if (outputs.UkiContainer)
        {
            ukis.Add(("uki-container", "container"));
        }

        if (ukis.Count > 0)
        {
            var (keyMounts, keys) = Keys(context, secrets);
            foreach (var (step, type) in ukis)
            {
                var mounts = type == "iso" ? keyMounts + cloudMount : keyMounts;
                List<string> arguments = [ToolsImage.Binary, "build-uki", "dir:/rootfs", "--keys", keys, "--output-dir", Out + "/" + step, "--output-type", type, "--secure-boot-enroll", SecureBootEnroll];
                text.Append(Run(mounts, type == "iso" ? [.. arguments, .. cloud] : arguments));
            }

            if (outputs.Uki)
            {
                // the tree (EFI/, loader/) as one download
                text.Append(Run("", Tar(Out + "/uki.tar", Out + "/uki", "EFI", "loader"))).Append(Run("", ["rm", "-rf", Out + "/uki"]));
            }
        }

        if (mountedImage is null)
        {
            text.Append("FROM scratch AS ").Append(Target).Append('\n').Append("COPY --from=media ").Append(Out).Append(" /\n");
        }

        return (text.ToString(), secrets);
    }

    /// <summary>Moves the files the engine exported into <paramref name="exported"/> to the job's outputs, named from the image's kairos-release.</summary>
    public static void Publish(BuildJobContext context, string exported)
    {
        var release = Path.Combine(exported, "kairos-release");
        var stem = ArtifactNaming.StemOfRelease(File.ReadAllText(release), context.Spec.Architecture);
        var outputs = context.Spec.Artifacts;
        if (LiveIso(context))
        {
            Move(context, Path.Combine(exported, "iso", "live.iso"), ArtifactNames.Of(stem, "iso"));
        }

        if (outputs.Netboot)
        {
            Move(context, Path.Combine(exported, "netboot.tar"), ArtifactNames.Of(stem, "netboot"));
        }

        foreach (var disk in Disks.Where(disk => outputs.Names.Contains(disk.Name)))
        {
            Move(context, SingleFile(Path.Combine(exported, "disk-" + disk.Name)), ArtifactNames.Of(stem, disk.Name));
        }

        if (context.Spec.TrustedBoot && outputs.Iso)
        {
            Move(context, SingleFile(Path.Combine(exported, "uki-iso")), ArtifactNames.Of(stem, "uki-iso"));
        }

        if (outputs.Uki)
        {
            Move(context, Path.Combine(exported, "uki.tar"), ArtifactNames.Of(stem, "uki"));
        }

        if (outputs.UkiContainer)
        {
            Move(context, SingleFile(Path.Combine(exported, "uki-container")), ArtifactNames.Of(stem, "uki-container"));
        }

        Directory.Delete(exported, recursive: true);
    }

    /// <summary>The one medium a command wrote into <paramref name="directory"/> (build-uki writes its ISO's .sha256 beside it: not an artifact, the job makes its own).</summary>
    private static string SingleFile(string directory) =>
        Directory.Exists(directory) && Directory.GetFiles(directory).Where(file => !file.EndsWith(".sha256", StringComparison.Ordinal)).ToArray() is [var file]
            ? file
            : throw new StepFailedException($"media: the engine exported no single file in {Path.GetFileName(directory)}/");

    private static void Move(BuildJobContext context, string file, string name)
    {
        if (!File.Exists(file))
        {
            throw new StepFailedException($"media: the engine exported no {Path.GetFileName(file)} for {name}");
        }

        File.Move(file, Path.Combine(context.OutputDir, name));
        context.Log.Write("media", $"{name} made");
    }

    /// <summary>The cloud-config as a secret mount at a path naming its hash; nothing when the request has none.</summary>
    private static (string Mount, string? Path) CloudConfig(BuildJobContext context, List<EngineSecret> secrets)
    {
        if (context.Spec.CloudConfig is not { } cloudConfig)
        {
            return ("", null);
        }

        var file = Path.Combine(context.WorkDir, "media-cloud-config.yaml");
        File.WriteAllText(file, cloudConfig);
        secrets.Add(new EngineSecret("cloud-config", file));
        var target = $"/run/kairos/cloud-config-{Hash(Encoding.UTF8.GetBytes(cloudConfig))}.yaml";
        return ($"--mount=type=secret,id=cloud-config,target={target} ", target);
    }

    /// <summary>Every file of the server's key directory as a secret mount into one directory named from their hash.</summary>
    private static (string Mounts, string Directory) Keys(BuildJobContext context, List<EngineSecret> secrets)
    {
        var keysDir = context.Options.UkiKeysDir ?? throw new StepFailedException("uki: the server has no --uki-keys");
        var files = System.IO.Directory.GetFiles(keysDir).Order(StringComparer.Ordinal).ToList();
        var content = files.SelectMany(file => Encoding.UTF8.GetBytes(Path.GetFileName(file) + "\0").Concat(File.ReadAllBytes(file))).ToArray();
        var target = "/run/kairos/keys-" + Hash(content);
        var mounts = new StringBuilder();
        for (var index = 0; index < files.Count; index++)
        {
            secrets.Add(new EngineSecret($"uki-key-{index}", files[index]));
            mounts.Append($"--mount=type=secret,id=uki-key-{index},target={target}/{Path.GetFileName(files[index])} ");
        }

        return (mounts.ToString(), target);
    }

    private static string Hash(byte[] content) => Convert.ToHexStringLower(SHA256.HashData(content))[..16];

    private static List<string> Tar(string file, string directory, params string[] names) =>
        ["tar", "--create", "--numeric-owner", "--owner=0", "--group=0", "--sort=name", "--file", file, "--directory", directory, .. names];
}
