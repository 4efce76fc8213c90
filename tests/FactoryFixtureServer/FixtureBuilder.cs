using Kairos.Factory.Builders;
using Kairos.Factory.Jobs;

namespace Kairos.Factory.Fixture;

/// <summary>
/// TEST FIXTURE, never shipped: a builder without an engine for the tests of the API, queue, logs, cancel and retention.
/// It unpacks the uploaded root tarball into the job's work dir and runs the server's kairos-stages — a fixture script
/// (tests/Kairos.Factory.Tests/Fixtures/stages-*.sh) — for install, init and validate with the arguments the engines'
/// builds give it, then tars the root as the rootfs output. Uploads only; no OCI archive, no media.
/// </summary>
public sealed class FixtureBuilder : IImageBuilder
{
    public string Name => "fixture";

    public async Task<string> BuildAsync(BuildJobContext context)
    {
        if (context.Spec.BaseUpload is not { } upload || context.Spec.Artifacts.Oci || context.Spec.Artifacts.NeedsImage)
        {
            throw new StepFailedException("base: the fixture builder builds an uploaded root into a rootfs only (no image, no OCI archive, no media: those are made in an engine)");
        }

        var root = Path.Combine(context.WorkDir, "root");
        Directory.CreateDirectory(root);
        await context.Processes.RunAsync("base", "tar", ["--extract", "--numeric-owner", "--file", context.UploadPath(upload), "--directory", root]);
        var binary = context.Options.KairosStagesBinary;
        await context.Processes.RunAsync("install", binary, StageArguments.Run(context.Spec, "install", root, context.Options.ArtifactsDir));
        await context.Processes.RunAsync("init", binary, StageArguments.Run(context.Spec, "init", root, context.Options.ArtifactsDir));
        await context.Processes.RunAsync("validate", binary, StageArguments.Validate(context.Spec, root));
        if (context.Spec.Artifacts.Rootfs)
        {
            await context.Processes.RunAsync("rootfs", "tar", ["--create", "--numeric-owner", "--file", context.OutputPath("rootfs"), "--directory", root, "."]);
        }

        return "dir:" + root;
    }
}
