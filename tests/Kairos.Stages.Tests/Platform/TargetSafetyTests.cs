using Kairos.Stages.Target.Platform;

namespace Kairos.Stages.Tests.Platform;

public sealed class TargetSafetyTests
{
    private static readonly HostFacts BareMetal = new(false, false, null, false, "systemd");

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

    [Theory]
    [InlineData("sh")]
    [InlineData("docker-init")]
    [InlineData("tini")]
    [InlineData("kairos-stages")]
    public void A_build_step_whose_PID_1_is_not_a_system_init_is_allowed_without_a_dockerenv(string init)
    {
        // act: BuildKit RUN steps have no /.dockerenv and share init's root
        var reason = TargetSafety.Check("/", force: false, new HostFacts(false, false, null, false, init));

        // assert
        Assert.Null(reason);
    }

    [Theory]
    [InlineData("systemd")]
    [InlineData("init")]
    [InlineData(null)]
    public void A_system_init_or_an_unknown_PID_1_is_refused(string? init)
    {
        // act
        var reason = TargetSafety.Check("/", force: false, new HostFacts(false, false, null, false, init));

        // assert
        Assert.NotNull(reason);
        Assert.Contains(init is null ? "unreadable" : $"system init '{init}'", reason, StringComparison.Ordinal);
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
