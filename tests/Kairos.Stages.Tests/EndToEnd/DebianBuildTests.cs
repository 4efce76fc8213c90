using Kairos.Stages.Cli.Commands;

namespace Kairos.Stages.Tests.EndToEnd;

/// <summary>
/// The whole job on a real debootstrap'd Debian 12 root, from outside with --root (commands run
/// through chroot): install phase with an extension, init phase, validate, a second full run,
/// and validate catching single breakages. Offline artifacts (fixtures) via --artifacts-dir.
/// </summary>
[Collection("EndToEnd")]
[Slow(SlowKind.Chroot)]
public sealed class DebianBuildTests
{
    [Fact]
    public async Task Debian_12_root_becomes_a_valid_Kairos_image_and_a_second_run_succeeds()
    {
        if (DebianRoot.Unavailable() is { } why)
        {
            Assert.Skip(why);
        }

        // arrange
        using var root = DebianRoot.Create();
        var artifacts = FixtureArtifacts.Create();
        var extensions = Path.Combine(root.Path, "etc/kairos-init/stage-extensions");
        Directory.CreateDirectory(extensions);
        await File.WriteAllTextAsync(Path.Combine(extensions, "10-e2e.yaml"), DebianImage.Extension, TestContext.Current.CancellationToken);

        // act: the two phases, as two Docker RUN lines would
        var install = await RunAsync("run", "--root", root.Path, "--stage", "install", "--version", "1.0.0", "--artifacts-dir", artifacts);
        // what the install phase leaves for its layer: no downloaded packages, the package indexes still there for init
        var debsAfterInstall = Directory.GetFiles(Path.Combine(root.Path, "var/cache/apt/archives"), "*.deb");
        var indexesAfterInstall = Directory.GetFiles(Path.Combine(root.Path, "var/lib/apt/lists"), "*_Packages*");
        var init = await RunAsync("run", "--root", root.Path, "--stage", "init", "--version", "1.0.0");
        var validate = await RunAsync("validate", "--root", root.Path);

        // assert: the phases and validate
        Assert.True(install.Code == 0, install.Error);
        Assert.Empty(debsAfterInstall);
        Assert.NotEmpty(indexesAfterInstall);
        Assert.True(init.Code == 0, init.Error);
        Assert.True(validate.Code == 0, validate.Output + validate.Error);
        DebianImage.AssertKairosReady(root);

        // a second full run on the finished root succeeds
        var again = await RunAsync("run", "--root", root.Path, "--stage", "all", "--version", "1.0.0", "--artifacts-dir", artifacts);
        Assert.True(again.Code == 0, again.Error);
        Assert.Equal(0, (await RunAsync("validate", "--root", root.Path)).Code);

        // validate names the check a single breakage fails
        await AssertBreakageFailsAsync(root, "[FILES]", () => File.Move(Path.Combine(root.Path, "boot/vmlinuz"), Path.Combine(root.Path, "boot/vmlinuz.moved")),
            () => File.Move(Path.Combine(root.Path, "boot/vmlinuz.moved"), Path.Combine(root.Path, "boot/vmlinuz")));
        await AssertBreakageFailsAsync(root, "[SSH]", () => File.WriteAllText(Path.Combine(root.Path, "etc/ssh/ssh_host_ed25519_key"), "key"),
            () => File.Delete(Path.Combine(root.Path, "etc/ssh/ssh_host_ed25519_key")));
        await AssertBreakageFailsAsync(root, "[SERVICES]", () => File.CreateSymbolicLink(Path.Combine(root.Path, "etc/systemd/system/getty.target"), "/dev/null"),
            () => File.Delete(Path.Combine(root.Path, "etc/systemd/system/getty.target")));
        Assert.DoesNotContain(root.Path, await File.ReadAllTextAsync("/proc/self/mountinfo", TestContext.Current.CancellationToken));
    }

    private static async Task AssertBreakageFailsAsync(DebianRoot root, string tag, Action breakIt, Action mend)
    {
        breakIt();
        try
        {
            var result = await RunAsync("validate", "--root", root.Path);
            Assert.Equal(1, result.Code);
            Assert.Contains($"FAIL {tag}", result.Output);
        }
        finally
        {
            mend();
        }
    }

    private static async Task<(int Code, string Output, string Error)> RunAsync(params string[] args)
    {
        var output = new StringWriter();
        var error = new StringWriter();
        var code = await CliApp.RunAsync(args, output, error);
        return (code, output.ToString(), error.ToString());
    }
}
