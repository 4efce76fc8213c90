using Kairos.Stages.Cli.Commands;
using Kairos.Stages.FrontEnd.Rendering.Functions;
using Kairos.Stages.FrontEnd.Sources;
using Kairos.Stages.Tests.Support;

namespace Kairos.Stages.Tests.Cli;

/// <summary>
/// A standard image names the Kubernetes version really installed in /etc/kairos-release, whether the
/// build is one RUN (--stage all) or an install RUN then an init RUN that is not given the version.
/// Real busybox roots; only the kubernetes and kairosRelease steps run.
/// </summary>
[Collection("EndToEnd")]
public sealed class KairosReleaseSoftwareVersionTests
{
    private const string OtherSteps = "installPackages,installKernel,branding,grub,miscellaneous,cloudconfigs,kairosBinaries," +
        "providerBinaries,kernel,initramfsConfigs,initrd,services,sshHardening,workarounds,cleanup";

    private static readonly string Artifacts = FixtureArtifacts.Create();

    private static string Pinned(string provider) =>
        ArtifactCatalog.Parse(new EmbeddedStageSource().ReadText(ArtifactCatalog.DataPath)!).Resolve(provider, "amd64", fips: false).Version;

    private static async Task Run(BusyboxRoot root, params string[] args)
    {
        var error = new StringWriter();
        var code = await CliApp.RunAsync(["run", "--root", root.Path, "--version", "1.0.0", "--skip-steps", OtherSteps, .. args], new StringWriter(), error);
        Assert.True(code == 0, error.ToString());
    }

    private static BusyboxRoot NewRoot()
    {
        if (Environment.UserName != "root" || !BusyboxRoot.Available)
        {
            Assert.Skip("needs root and a static busybox (build/install-deps.sh)");
        }

        return new BusyboxRoot("debian");
    }

    [Theory]
    [InlineData("k3s")]
    [InlineData("k0s")]
    public async Task Install_then_init_without_a_version_writes_the_same_kairos_release_as_one_run_with_the_pinned_version(string provider)
    {
        // arrange
        using var split = NewRoot();
        using var whole = NewRoot();

        // act: the Dockerfile way (two RUN lines, the version on neither), and one RUN
        await Run(split, "--stage", "install", "-k", provider, "--artifacts-dir", Artifacts);
        await Run(split, "--stage", "init", "-k", provider);
        await Run(whole, "--stage", "all", "-k", provider, "--artifacts-dir", Artifacts);

        // assert
        var release = await File.ReadAllTextAsync(split.HostPath("/etc/kairos-release"), TestContext.Current.CancellationToken);
        Assert.Contains($"KAIROS_SOFTWARE_VERSION=\"{Pinned(provider)}\"", release);
        Assert.Contains($"KAIROS_SOFTWARE_VERSION_PREFIX=\"{provider}\"", release);
        Assert.Equal(await File.ReadAllTextAsync(whole.HostPath("/etc/kairos-release"), TestContext.Current.CancellationToken), release);
    }

    [Fact]
    public async Task A_version_given_only_to_the_install_run_is_the_version_kairos_release_carries()
    {
        // arrange
        using var split = NewRoot();
        using var whole = NewRoot();

        // act: examples/generic/Dockerfile passes --k8s-version to the install RUN only
        await Run(split, "--stage", "install", "-k", "k3s", "--k8s-version", "v1.31.4+k3s1", "--artifacts-dir", Artifacts);
        await Run(split, "--stage", "init", "-k", "k3s");
        await Run(whole, "--stage", "all", "-k", "k3s", "--k8s-version", "v1.31.4+k3s1", "--artifacts-dir", Artifacts);

        // assert
        var release = await File.ReadAllTextAsync(split.HostPath("/etc/kairos-release"), TestContext.Current.CancellationToken);
        Assert.Contains("KAIROS_SOFTWARE_VERSION=\"v1.31.4+k3s1\"", release);
        Assert.Equal(await File.ReadAllTextAsync(whole.HostPath("/etc/kairos-release"), TestContext.Current.CancellationToken), release);
    }
}
