using Kairos.Factory.Jobs;

namespace Kairos.Factory.Builders;

/// <summary>
/// Builds the generated Dockerfile with BuildKit through the Docker CLI. By default the BuildKit inside dockerd
/// (<c>DOCKER_BUILDKIT=1 docker build</c>, Debian's docker.io 20.10 client, which has no buildx plugin): the base is
/// an image already in the daemon (never pulled) or an uploaded root tarball brought in with <c>docker import</c> (for
/// another architecture than the daemon's, <c>FROM scratch</c> and <c>ADD</c> built for that platform),
/// and the daemon keeps every layer in its build cache, so builds share them. dockerd 20.10's BuildKit exports
/// <c>type=local</c> and <c>type=tar</c> only (<c>type=oci</c> and <c>type=docker</c>: "exporter could not be
/// found"), so the engine writes the rootfs tarball and the media stages' /out (<see cref="MediaStage"/>, run in the
/// tools image) itself, and an OCI archive comes from the tagged image (<c>docker save</c>, turned into an OCI archive by skopeo).
/// With <c>serve --buildx-builder NAME</c>: <c>docker buildx build --builder NAME</c> (a remote BuildKit or its
/// Kubernetes driver, made with <c>docker buildx create</c>), whose exporters write the OCI archive directly; such a
/// builder cannot read the server's tools image, so the Dockerfile carries the tools stage itself
/// (<see cref="ToolsImage.InlineStage"/>, FROM <c>serve --tools-base</c> as the builder pulls it) and the builder runs
/// the media stages as dockerd's does. No step of a build runs on the server's host.
/// </summary>
public sealed class DockerBuilder : IImageBuilder
{
    /// <summary>The classic client builds with BuildKit only when asked to (a fixed value, never a request's).</summary>
    public static readonly IReadOnlyDictionary<string, string> BuildKit = new Dictionary<string, string>(StringComparer.Ordinal) { ["DOCKER_BUILDKIT"] = "1" };

    /// <summary>This builder's name (<c>serve --builder</c>, a request's <c>builder</c>).</summary>
    public const string Engine = "docker";

    public string Name => Engine;

    public Task<string> BuildAsync(BuildJobContext context) =>
        context.Options.BuildxBuilder is { } builder ? BuildxAsync(context, builder) : DaemonAsync(context);

    private static async Task<string> DaemonAsync(BuildJobContext context)
    {
        var docker = context.Options.Docker;
        var outputs = context.Spec.Artifacts;
        string? imported = null;
        string from;
        if (context.Spec.Image is { } image)
        {
            // local images only: a missing image is an error here, not a pull; one of another architecture too (BuildKit
            // given --platform would look for the asked one in a registry)
            string labelled;
            try
            {
                labelled = (await context.Processes.OutputOfAsync("base", docker, ["image", "inspect", "--format", "{{.Architecture}}", image])).Trim();
            }
            catch (StepFailedException exception) when (exception.Message.Contains("exited with code 1", StringComparison.Ordinal))
            {
                throw new StepFailedException($"base: image '{image}' is not in the Docker daemon's images (the Factory never pulls from a registry: docker load or docker import it first)");
            }

            if (labelled.Length > 0 && labelled != context.Spec.Architecture)
            {
                throw new StepFailedException($"base: image '{image}' is {labelled}, but the build asks for {context.Spec.Architecture} (dockerd's import labels every image with its own architecture: upload a root tarball of {context.Spec.Architecture} instead)");
            }

            from = image;
        }
        else
        {
            from = $"localhost/kairos-factory/base:{context.Job.Id}";
            if (context.Spec.Architecture == Kairos.Stages.Target.Platform.ForeignPrograms.HostArchitecture())
            {
                await context.Processes.RunAsync("base", docker, ["import", context.UploadPath(context.Spec.BaseUpload!), from]);
            }
            else
            {
                await ImportForPlatformAsync(context, from);
            }

            imported = from;
        }

        try
        {
            var tools = MediaStage.Wanted(context) ? await ToolsImage.EnsureDockerAsync(context) : null;
            var (directory, secrets) = ContainerfileWriter.WriteContext(context, from, "Dockerfile", tools);
            // every export after the first takes all its steps from the build cache
            if (outputs.Rootfs)
            {
                await BuildAsync(context, "rootfs", directory, ["--target", MediaStage.ImageStage, "--output", $"type=tar,dest={context.OutputPath("rootfs")}"]);
            }

            if (tools is not null)
            {
                var media = Path.Combine(context.WorkDir, "media");
                await BuildAsync(context, "media", directory, ["--target", MediaStage.Target, .. secrets.SelectMany(secret => new[] { "--secret", secret.Flag }), "--output", $"type=local,dest={media}"]);
                MediaStage.Publish(context, media);
            }

            if (outputs.Oci)
            {
                var archive = Path.Combine(context.WorkDir, "image.docker.tar");
                await BuildAsync(context, "oci", directory, ["--target", MediaStage.ImageStage, "--tag", context.ImageTag]);
                try
                {
                    await context.Processes.RunAsync("oci", docker, ["save", "--output", archive, context.ImageTag]);
                }
                finally
                {
                    await context.Processes.ForCleanup().RunAsync("oci", docker, ["image", "rm", context.ImageTag]);
                }

                await context.Processes.RunAsync("oci", "skopeo", ["copy", "--quiet", "docker-archive:" + archive, "oci-archive:" + context.OutputPath("oci")]);
                File.Delete(archive);
            }

            // no root on the host: the job names the oci and rootfs archives from themselves
            return "dir:" + Path.Combine(context.WorkDir, "rootfs");
        }
        finally
        {
            if (imported is not null)
            {
                // the layers stay in the build cache; only the per-job name goes, a cancelled build's too
                await context.Processes.ForCleanup().RunAsync("base", docker, ["image", "rm", imported]);
            }
        }
    }

    /// <summary>
    /// An uploaded root for another architecture than the daemon's: dockerd 20.10's import labels every image with its own
    /// (its --platform sets the OS only), and BuildKit given --platform linux/ARCH then looks for the base in a registry.
    /// So the engine makes it, for that platform: <c>FROM scratch</c> and <c>ADD</c> of the tarball (unpacked by the engine).
    /// </summary>
    private static async Task ImportForPlatformAsync(BuildJobContext context, string tag)
    {
        var directory = Directory.CreateDirectory(Path.Combine(context.WorkDir, "base")).FullName;
        File.Copy(context.UploadPath(context.Spec.BaseUpload!), Path.Combine(directory, "root.tar"));
        File.WriteAllText(Path.Combine(directory, "Dockerfile"), "FROM scratch\nADD root.tar /\n");
        await context.Processes.RunAsync("base", context.Options.Docker,
            ["build", "--progress", "plain", "--platform", "linux/" + context.Spec.Architecture, "--tag", tag, directory], environment: BuildKit);
        Directory.Delete(directory, recursive: true);
    }

    private static Task BuildAsync(BuildJobContext context, string step, string directory, IReadOnlyList<string> output) =>
        context.Processes.RunAsync(step, context.Options.Docker,
            ["build", "--progress", "plain", "--network", "host", "--platform", "linux/" + context.Spec.Architecture, "--file", Path.Combine(directory, "Dockerfile"), .. output, directory],
            environment: BuildKit);

    private static async Task<string> BuildxAsync(BuildJobContext context, string builder)
    {
        if (context.Spec.Image is not { } image)
        {
            throw new StepFailedException("base: a buildx builder (serve --buildx-builder) builds FROM an image in a registry; an uploaded tarball needs dockerd's BuildKit or podman");
        }

        var outputs = context.Spec.Artifacts;
        var media = MediaStage.Wanted(context);
        var (directory, secrets) = ContainerfileWriter.WriteContext(context, image, "Dockerfile", inlineTools: media ? context.Options.ToolsBase : null);
        // every export after the first takes all its steps from BuildKit's cache
        if (outputs.Oci)
        {
            await context.Processes.RunAsync("oci", context.Options.Docker, BuildxArguments(context, builder, directory, MediaStage.ImageStage, [], $"type=oci,dest={context.OutputPath("oci")}"));
        }

        if (outputs.Rootfs)
        {
            await context.Processes.RunAsync("rootfs", context.Options.Docker, BuildxArguments(context, builder, directory, MediaStage.ImageStage, [], $"type=tar,dest={context.OutputPath("rootfs")}"));
        }

        if (media)
        {
            var exported = Path.Combine(context.WorkDir, "media");
            await context.Processes.RunAsync("media", context.Options.Docker, BuildxArguments(context, builder, directory, MediaStage.Target, secrets, $"type=local,dest={exported}"));
            MediaStage.Publish(context, exported);
        }

        // no root on the host: the job names the oci and rootfs archives from themselves
        return "dir:" + Path.Combine(context.WorkDir, "rootfs");
    }

    /// <summary>One <c>docker buildx build</c> of <paramref name="target"/> on the remote builder, its secrets mounted, exported with <paramref name="output"/>.</summary>
    private static List<string> BuildxArguments(BuildJobContext context, string builder, string directory, string target, IReadOnlyList<EngineSecret> secrets, string output) =>
    [
        "buildx", "build", "--builder", builder, "--platform", "linux/" + context.Spec.Architecture,
        "--file", Path.Combine(directory, "Dockerfile"), "--target", target, .. secrets.SelectMany(secret => new[] { "--secret", secret.Flag }), "--output", output, directory,
    ];
}
