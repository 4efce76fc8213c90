using Kairos.Stages.Tests.Examples;

namespace Kairos.Stages.Tests.Containers;

/// <summary>
/// The project's Dockerfile starts from an SDK image this machine cannot pull, so it is checked
/// by parts: its build RUN line calls build/publish.sh (the script CI publishes with) with the
/// musl RID for each TARGETARCH, and that script turns a musl RID into a static NativeAOT publish.
/// Its prefetch line and final stage are run for real by <see cref="KairosStagesImage"/>.
/// </summary>
public sealed class ProjectDockerfileTests
{
    private static string Repository => KairosStagesImage.RepositoryDirectory;

    [Theory]
    [InlineData("amd64", "linux-musl-x64")]
    [InlineData("arm64", "linux-musl-arm64")]
    [InlineData("", "linux-musl-x64")]
    public void Build_line_publishes_with_the_CI_script_and_the_musl_RID_of_the_target_arch(string targetArch, string rid)
    {
        // arrange: the Dockerfile's publish RUN line, run by sh in a copy of the tree where build/publish.sh records its arguments
        using var tree = new TempRoot();
        var line = Assert.Single(DockerfileReader.Read(File.ReadAllText(Path.Combine(Repository, "Dockerfile"))), i => i.Keyword == "RUN" && i.Arguments.Contains("build/publish.sh", StringComparison.Ordinal));
        Directory.CreateDirectory(Path.Combine(tree.Path, "build"));
        File.WriteAllText(Path.Combine(tree.Path, "build/publish.sh"), "printf '%s\\n' \"$@\" > \"$(dirname \"$0\")/called\"\n");
        var script = line.Arguments.Replace("/out", Path.Combine(tree.Path, "out"), StringComparison.Ordinal);

        // act
        var output = Programs.Run("env", "-C", tree.Path, $"TARGETARCH={targetArch}", "sh", "-c", script);

        // assert
        Assert.Equal([rid, Path.Combine(tree.Path, "out")], File.ReadAllLines(Path.Combine(tree.Path, "build/called")));
        Assert.True(Directory.Exists(Path.Combine(tree.Path, "out/artifacts")), output);
        Assert.Contains("bash build/publish.sh linux-x64 ", File.ReadAllText(Path.Combine(Repository, ".ci/run")));
    }

    [Fact]
    public void Publish_script_makes_a_static_NativeAOT_binary_for_a_musl_RID()
    {
        // arrange: a dotnet on PATH that records what the script asks of it and leaves a binary where it says
        using var tools = new TempRoot();
        File.WriteAllText(Path.Combine(tools.Path, "dotnet"), "#!/bin/sh\nprintf '%s\\n' \"$@\" > \"$KS_CALLED\"\nwhile [ $# -gt 1 ]; do [ \"$1\" = -o ] && mkdir -p \"$2\" && : > \"$2/kairos-stages\"; shift; done\n");
        File.SetUnixFileMode(Path.Combine(tools.Path, "dotnet"), (UnixFileMode)0x1ED);
        var called = Path.Combine(tools.Path, "called");
        var output = Path.Combine(tools.Path, "out");

        // act
        Programs.Run("env", $"PATH={tools.Path}:/usr/bin:/bin", $"KS_CALLED={called}", "bash", Path.Combine(Repository, "build/publish.sh"), "linux-musl-x64", output);

        // assert
        var args = File.ReadAllLines(called);
        Assert.Equal("publish", args[0]);
        Assert.Equal("linux-musl-x64", args[Array.IndexOf(args, "-r") + 1]);
        Assert.Equal(output, args[Array.IndexOf(args, "-o") + 1]);
        Assert.Contains("-p:PublishAot=true", args);
        Assert.Contains("-p:StaticExecutable=true", args);
        Assert.Contains("-p:StaticOpenSslLinking=true", args);
        Assert.DoesNotContain("-p:PositionIndependentExecutable=false", args);
    }

    [Fact]
    public void Final_stage_is_scratch_with_the_binary_and_the_artifacts()
    {
        // act
        var stage = KairosStagesImage.FinalStage(File.ReadAllText(Path.Combine(Repository, "Dockerfile")));

        // assert
        Assert.Equal("FROM scratch\nCOPY kairos-stages /kairos-stages\nCOPY artifacts /artifacts\nENTRYPOINT [\"/kairos-stages\"]\n", stage);
    }
}
