using Kairos.Stages.Cli.Commands;
using Kairos.Stages.Tests.Context;

namespace Kairos.Stages.Tests.Cli;

/// <summary>Every step name kairos-init's steps-info prints is a --skip-steps name here, with kairos-init's meaning.</summary>
public sealed class KairosInitStepNamesTests
{
    // kairos-init's steps-info (../shared/reference/kairos-init.md, section 2.3)
    public static TheoryData<string> KairosInitNames => new(
        "branding", "buildProvider", "cleanup", "cloudconfigs", "grub", "init", "initramfsConfigs", "initrd", "install", "installKernel",
        "installPackages", "kairosBinaries", "kairosRelease", "kernel", "kubernetes", "miscellaneous", "providerBinaries", "services",
        "sshHardening", "workarounds");

    private static async Task<(int Code, string Out, string Err)> Run(params string[] args)
    {
        var output = new StringWriter();
        var error = new StringWriter();
        var code = await CliApp.RunAsync(args, output, error);
        return (code, output.ToString(), error.ToString());
    }

    [Theory]
    [MemberData(nameof(KairosInitNames))]
    public async Task Every_kairos_init_step_name_is_accepted_by_skip_steps_and_listed_by_steps_info(string name)
    {
        // arrange
        using var root = new TempRoot("ks-names-");

        // act
        var plan = await Run("plan", "--root", root.Path, "--os-release", TestFiles.OsRelease("debian-12"), "--arch", "amd64", "-k", "k3s", "--skip-steps", name);
        var info = await Run("steps-info");

        // assert
        Assert.True(plan.Code == 0, plan.Err);
        Assert.Contains($"skip: --skip-steps {name}", plan.Out);
        Assert.Contains($"\"{name}\": ", info.Out);
    }

    [Fact]
    public async Task BuildProvider_skips_the_step_that_installs_the_kubernetes_distribution_and_steps_info_says_so()
    {
        // arrange
        using var root = new TempRoot("ks-names-");

        // act
        var plan = await Run("plan", "--root", root.Path, "--os-release", TestFiles.OsRelease("debian-12"), "--arch", "amd64", "-k", "k3s", "--skip-steps", "buildProvider");
        var info = await Run("steps-info");

        // assert
        Assert.True(plan.Code == 0, plan.Err);
        var k3s = plan.Out.Split('\n').Where(l => l.Contains("[kubernetes]", StringComparison.Ordinal)).ToList();
        Assert.NotEmpty(k3s);
        Assert.All(k3s, l => Assert.EndsWith("skip: --skip-steps buildProvider (kairos-init's name for kubernetes)", l));
        Assert.DoesNotContain(plan.Out.Split('\n'), l => l.Contains("[providerBinaries]", StringComparison.Ordinal) && l.Contains("skip:", StringComparison.Ordinal));
        Assert.Contains(info.Out.Split('\n'), l => l.StartsWith("\"buildProvider\": ", StringComparison.Ordinal) && l.EndsWith("(maps to \"kubernetes\")", StringComparison.Ordinal));
        Assert.Contains(info.Out.Split('\n'), l => l.StartsWith("\"install\": the whole install phase", StringComparison.Ordinal));
    }
}
