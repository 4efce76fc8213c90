namespace Kairos.Factory.Builders;

/// <summary>No engine: unpacks the uploaded root tarball and runs kairos-stages on it with <c>--root</c> (commands go through chroot).</summary>
public sealed class ChrootBuilder : IImageBuilder
{
    public string Name => "chroot";

    public async Task<string> BuildAsync(BuildJobContext context)
    {
        var root = Path.Combine(context.WorkDir, "root");
        Directory.CreateDirectory(root);
        await context.Processes.RunAsync("base", "tar", ["--extract", "--numeric-owner", "--preserve-permissions", "--file", context.UploadPath(context.Spec.BaseUpload!), "--directory", root]);

        // the root is unpacked by root on this host: no set-user/group-ID program of an upload is left to run (sticky bits stay: /tmp needs its own)
        await context.Processes.RunAsync("base", "find", [root, "-xdev", "-perm", "/6000", "-exec", "chmod", "ug-s", "{}", "+"]);

        var binary = context.Options.KairosStagesBinary;
        await context.Processes.RunAsync("install", binary, StageArguments.Run(context.Spec, "install", root, context.Options.ArtifactsDir));
        await context.Processes.RunAsync("init", binary, StageArguments.Run(context.Spec, "init", root, context.Options.ArtifactsDir));
        await context.Processes.RunAsync("validate", binary, StageArguments.Validate(context.Spec, root));

        var rootfs = context.Spec.Artifacts.Rootfs ? context.OutputPath(".rootfs.tar") : Path.Combine(context.WorkDir, "root.tar");
        if (context.Spec.Artifacts.Rootfs || context.Spec.Artifacts.Oci)
        {
            await context.Processes.RunAsync("rootfs", "tar", ["--create", "--numeric-owner", "--file", rootfs, "--directory", root, "."]);
        }

        if (context.Spec.Artifacts.Oci)
        {
            // an OCI archive needs an image store: a job-private podman one, removed with the work dir
            var job = PodmanStorage.Job(context.WorkDir);
            await context.Processes.RunAsync("oci", context.Options.Podman, [.. job, "import", rootfs, context.ImageTag]);
            await context.Processes.RunAsync("oci", context.Options.Podman, [.. job, "save", "--format", "oci-archive", "-o", context.OutputPath(".oci.tar"), context.ImageTag]);
        }

        return "dir:" + root;
    }
}
