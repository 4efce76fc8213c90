using Kairos.Stages.Platform;
using Kairos.Stages.Tests.Support;

namespace Kairos.Stages.Tests.Platform;

public sealed class TargetSafetyTests
{
    private static readonly HostFacts BareMetal = new(false, false, null, false);

    [Fact]
    public void A_directory_root_is_always_allowed()
    {
        // arrange
        using var root = new TempRoot();

        // act
        var reason = TargetSafety.Check(root.Path, force: false, BareMetal);

        // assert
        Assert.Null(reason);
    }

    [Theory]
    [InlineData("/")]
    [InlineData("/.")]
    [InlineData("/proc/..")]
    public void Host_root_on_a_real_host_is_refused_with_a_reason(string root)
    {
        // act
        var reason = TargetSafety.Check(root, force: false, BareMetal);

        // assert
        Assert.NotNull(reason);
        Assert.Contains("container", reason);
    }

    [Fact]
    public void Host_root_on_a_real_host_is_allowed_when_forced()
    {
        // act
        var reason = TargetSafety.Check("/", force: true, BareMetal);

        // assert
        Assert.Null(reason);
    }

    [Theory]
    [InlineData(true, false, null, false)]
    [InlineData(false, true, null, false)]
    [InlineData(false, false, "podman", false)]
    [InlineData(false, false, null, true)]
    public void Host_root_inside_a_container_or_chroot_is_allowed(bool dockerEnv, bool containerEnv, string? variable, bool chrooted)
    {
        // act
        var reason = TargetSafety.Check("/", force: false, new HostFacts(dockerEnv, containerEnv, variable, chrooted));

        // assert
        Assert.Null(reason);
    }

    [Fact]
    public void Unreadable_init_root_counts_as_no_evidence()
    {
        // act
        var reason = TargetSafety.Check("/", force: false, new HostFacts(false, false, null, null));

        // assert
        Assert.Contains("could not be read", reason);
    }

    [Fact]
    public void This_machine_is_recognised_as_a_container()
    {
        // arrange
        var facts = HostFacts.Read();
        if (facts.ContainerEvidence() is null)
        {
            Assert.Skip("this machine looks like a real host");
        }

        // act
        var reason = TargetSafety.Check("/", force: false);

        // assert
        Assert.Null(reason);
        TestContext.Current.TestOutputHelper?.WriteLine($"evidence: {facts.ContainerEvidence()} ({facts})");
    }
}
