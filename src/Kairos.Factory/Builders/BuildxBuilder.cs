namespace Kairos.Factory.Builders;

/// <summary>
/// Hands the generated Dockerfile to <c>docker buildx build --builder NAME</c> (a remote BuildKit, or BuildKit's
/// Kubernetes driver, when one machine is not enough); the outputs come back through buildx's own exporters.
/// </summary>
public sealed class BuildxBuilder : IImageBuilder
{
    public string Name => "buildx";

    public async Task<string> BuildAsync(BuildJobContext context)
    {
        if (context.Spec.Image is not { } image)
        {
            throw new Jobs.StepFailedException("base: the buildx builder builds FROM an image; an uploaded tarball needs the podman or chroot builder");
        }

        var directory = ContainerfileWriter.WriteContext(context, image, "Dockerfile");
        var oci = context.Spec.Artifacts.Oci ? context.OutputPath(".oci.tar") : Path.Combine(context.WorkDir, "image.oci.tar");
        await context.Processes.RunAsync("build", context.Options.Docker, Arguments(context, directory, $"type=oci,dest={oci}"));
        if (context.Spec.Artifacts.Rootfs)
        {
            // the second export reuses BuildKit's cache: no step runs again
            await context.Processes.RunAsync("rootfs", context.Options.Docker, Arguments(context, directory, $"type=tar,dest={context.OutputPath(".rootfs.tar")}"));
        }

        return "ocifile:" + oci;
    }

    public static List<string> Arguments(BuildJobContext context, string directory, string output) =>
    [
        "buildx", "build", "--builder", context.Options.BuildxBuilder, "--platform", "linux/" + context.Spec.Architecture,
        "--file", Path.Combine(directory, "Dockerfile"), "--output", output, directory,
    ];
}
