using Kairos.Factory.Jobs;

namespace Kairos.Factory.Builders;

/// <summary>
/// Builds the generated Containerfile with <c>podman build</c> in the server's one shared store
/// (<see cref="PodmanStorage.Shared"/>), so the layers of a base — install above all — are cached across builds.
/// The base comes from the local store (copied into the shared one only when its image ID there differs) or an
/// uploaded root tarball (<c>podman import</c>), never a registry. podman writes the OCI archive (<c>podman save</c>)
/// and the rootfs (<c>podman export</c>) itself, and runs the media stage (<see cref="MediaStage"/>, in the tools image,
/// the tagged image bind-mounted at /rootfs) whose /out is a build volume on the job's work dir: the root is never
/// unpacked on the server, and each medium is written once, into no layer.
/// </summary>
public sealed class PodmanBuilder : IImageBuilder
{
    /// <summary>This builder's name (<c>serve --builder</c>, a request's <c>builder</c>).</summary>
    public const string Engine = "podman";

    public string Name => Engine;

    public async Task<string> BuildAsync(BuildJobContext context)
    {
        var podman = context.Options.Podman;
        var store = PodmanStorage.Shared(context.Options);
        var outputs = context.Spec.Artifacts;
        string from;
        string? imported = null;
        if (context.Spec.Image is { } image)
        {
            await BringBaseAsync(context, store, image, architecture: context.Spec.Architecture);
            from = image;
        }
        else
        {
            // labelled with the request's architecture: a root tarball carries none, podman import labels it with this
            // machine's, and podman build --platform linux/arm64 --pull=never then finds no such image ("image not known")
            from = $"localhost/kairos-factory/base:{context.Job.Id}";
            await context.Processes.RunAsync("base", podman, [.. store, "import", "--arch", context.Spec.Architecture, context.UploadPath(context.Spec.BaseUpload!), from]);
            imported = from;
        }

        var built = false;
        try
        {
            var tools = MediaStage.Wanted(context) ? await ToolsImage.EnsurePodmanAsync(context, store) : null;
            var (directory, _) = ContainerfileWriter.WriteContext(context, from, "Containerfile");
            var build = BuildArguments(store, context.Spec.Architecture);
            await context.Processes.RunAsync("build", podman, [.. build, "--layers", "--file", Path.Combine(directory, "Containerfile"), "--target", MediaStage.ImageStage, "--tag", context.ImageTag, directory]);
            built = true;
            if (tools is not null)
            {
                await MediaAsync(context, tools, directory, BuildArguments(store, null));
            }

            if (outputs.Oci)
            {
                await context.Processes.RunAsync("oci", podman, [.. store, "save", "--format", "oci-archive", "-o", context.OutputPath("oci"), context.ImageTag]);
            }

            if (outputs.Rootfs)
            {
                var container = "kairos-factory-" + context.Job.Id;
                await context.Processes.RunAsync("rootfs", podman, [.. store, "create", "--name", container, context.ImageTag, "/bin/true"]);
                try
                {
                    await context.Processes.RunAsync("rootfs", podman, [.. store, "export", "-o", context.OutputPath("rootfs"), container]);
                }
                finally
                {
                    await context.Processes.ForCleanup().RunAsync("rootfs", podman, [.. store, "rm", "--force", container]);
                }
            }
        }
        finally
        {
            // only the names go (untag, never rm: podman rm would take the untagged layers under the image with it, and
            // those layers are the next build's cache; the store's retention prunes them once old); a cancelled build's too
            foreach (var name in new[] { built ? context.ImageTag : null, imported }.OfType<string>())
            {
                await context.Processes.ForCleanup().RunAsync("build", podman, [.. store, "untag", name]);
            }
        }

        // no root on the host: the job names the oci and rootfs archives from themselves
        return "dir:" + Path.Combine(context.WorkDir, "rootfs");
    }

    /// <summary>
    /// The start of a <c>podman build</c>: the image's for the request's <paramref name="architecture"/> (<c>--platform</c>);
    /// the media stage's (null) for this machine's, as its tools image is: with <c>--platform linux/arm64</c> podman 4.3
    /// finds no amd64 tools image ("image not known"), and with none it still mounts the arm64 image at /rootfs.
    /// </summary>
    internal static List<string> BuildArguments(List<string> store, string? architecture) =>
        [.. store, "build", "--isolation", "chroot", "--network", "host", "--pull=never", .. architecture is null ? Array.Empty<string>() : ["--platform", "linux/" + architecture]];

    /// <summary>
    /// The media stage in a file of its own, over the tagged image (bind-mounted, never copied), writing into the job's
    /// work dir through the build's volume: the media reach the host once and no layer holds them. No cache either
    /// (<c>--layers=false</c>): a cached RUN would not run and leave the volume empty; the image's own steps were cached above.
    /// </summary>
    private static async Task MediaAsync(BuildJobContext context, string tools, string directory, List<string> build)
    {
        var media = Directory.CreateDirectory(Path.Combine(context.WorkDir, "media")).FullName;
        if (media.Contains(':', StringComparison.Ordinal) || media.Contains(',', StringComparison.Ordinal))
        {
            throw new StepFailedException($"media: podman cannot mount the work dir {media} as a build volume (its path holds ':' or ','): give serve a --data-dir without them");
        }

        var (text, secrets) = MediaStage.Render(context, tools, context.ImageTag);
        var file = Path.Combine(directory, "media.Containerfile");
        File.WriteAllText(file, text);
        await context.Processes.RunAsync("media", context.Options.Podman,
            [.. build, "--layers=false", "--volume", media + ":" + MediaStage.Out, .. secrets.SelectMany(secret => new[] { "--secret", secret.Flag }), "--file", file, directory]);
        MediaStage.Publish(context, media);
    }

    /// <summary>
    /// Makes <paramref name="image"/> of the source store available in the shared store, copying it only when the shared
    /// store lacks that image ID. With <paramref name="architecture"/>, an image labelled with another one is refused
    /// naming both: <c>podman build --platform linux/ARCH --pull=never</c> would only say "image not known".
    /// </summary>
    internal static async Task BringBaseAsync(BuildJobContext context, List<string> store, string image, string step = "base", string? architecture = null)
    {
        var podman = context.Options.Podman;
        string wanted;
        string labelled;
        try
        {
            var inspected = (await context.Processes.OutputOfAsync(step, podman, [.. PodmanStorage.Source(context.Options), "image", "inspect", "--format", "{{.Id}} {{.Architecture}}", image])).Trim().Split(' ');
            (wanted, labelled) = (inspected[0], inspected.Length > 1 ? inspected[1] : "");
        }
        catch (StepFailedException exception) when (exception.Message.Contains("exited with code 125", StringComparison.Ordinal) || exception.Message.Contains("exited with code 1", StringComparison.Ordinal))
        {
            throw new StepFailedException($"{step}: image '{image}' is not in the local image store (the Factory never pulls from a registry: podman pull or podman import it first)");
        }

        if (architecture is not null && labelled.Length > 0 && labelled != architecture)
        {
            throw new StepFailedException($"{step}: image '{image}' is {labelled}, but the build asks for {architecture} (a root tarball of {architecture} goes in with podman import --arch {architecture})");
        }

        if (PodmanStorage.Source(context.Options).SequenceEqual(store))
        {
            return;
        }

        try
        {
            var have = (await context.Processes.OutputOfAsync(step, podman, [.. store, "image", "inspect", "--format", "{{.Id}}", image])).Trim();
            if (have == wanted)
            {
                context.Log.Write(step, $"{image} ({wanted[..12]}) is in the build store already");
                return;
            }
        }
        catch (StepFailedException)
        {
            // not there yet
        }

        var archive = Path.Combine(context.WorkDir, "base.tar");
        await context.Processes.RunAsync(step, podman, [.. PodmanStorage.Source(context.Options), "save", "--format", "docker-archive", "-o", archive, image]);
        await context.Processes.RunAsync(step, podman, [.. store, "load", "-i", archive]);
        File.Delete(archive);
    }
}
