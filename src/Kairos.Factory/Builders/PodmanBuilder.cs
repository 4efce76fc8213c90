namespace Kairos.Factory.Builders;

/// <summary>
/// Builds the generated Containerfile with <c>podman build</c> in a job-private store (so a cancel or a restart
/// removes everything by deleting the work dir); the base comes from the local store or an uploaded tarball, never a registry.
/// </summary>
public sealed class PodmanBuilder : IImageBuilder
{
    public string Name => "podman";

    public async Task<string> BuildAsync(BuildJobContext context)
    {
        var podman = context.Options.Podman;
        var job = PodmanStorage.Job(context.WorkDir);
        string from;
        if (context.Spec.Image is { } image)
        {
            // local images only: a missing image is an error here, not a pull
            var baseArchive = Path.Combine(context.WorkDir, "base.tar");
            try
            {
                await context.Processes.RunAsync("base", podman, [.. PodmanStorage.Source(context.Options), "image", "exists", image]);
            }
            catch (Jobs.StepFailedException exception) when (exception.Message.Contains("exited with code 1", StringComparison.Ordinal))
            {
                throw new Jobs.StepFailedException($"base: image '{image}' is not in the local image store (the Factory never pulls from a registry: podman pull or podman import it first)");
            }

            await context.Processes.RunAsync("base", podman, [.. PodmanStorage.Source(context.Options), "save", "--format", "docker-archive", "-o", baseArchive, image]);
            await context.Processes.RunAsync("base", podman, [.. job, "load", "-i", baseArchive]);
            File.Delete(baseArchive);
            from = image;
        }
        else
        {
            from = $"localhost/kairos-factory/base:{context.Job.Id}";
            await context.Processes.RunAsync("base", podman, [.. job, "import", context.UploadPath(context.Spec.BaseUpload!), from]);
        }

        var directory = ContainerfileWriter.WriteContext(context, from, "Containerfile");
        await context.Processes.RunAsync("build", podman,
            [.. job, "build", "--isolation", "chroot", "--network", "host", "--pull=never", "--tag", context.ImageTag, "--file", Path.Combine(directory, "Containerfile"), directory]);

        var oci = context.Spec.Artifacts.Oci ? context.OutputPath(".oci.tar") : Path.Combine(context.WorkDir, "image.oci.tar");
        if (context.Spec.Artifacts.Oci || context.Spec.Artifacts.NeedsImage)
        {
            await context.Processes.RunAsync("oci", podman, [.. job, "save", "--format", "oci-archive", "-o", oci, context.ImageTag]);
        }

        if (context.Spec.Artifacts.Rootfs)
        {
            var container = "kairos-factory-" + context.Job.Id;
            await context.Processes.RunAsync("rootfs", podman, [.. job, "create", "--name", container, context.ImageTag, "/bin/true"]);
            await context.Processes.RunAsync("rootfs", podman, [.. job, "export", "-o", context.OutputPath(".rootfs.tar"), container]);
            await context.Processes.RunAsync("rootfs", podman, [.. job, "rm", container]);
        }

        return "ocifile:" + oci;
    }
}
