using Kairos.Stages.Target.Platform;

namespace Kairos.Stages.Tests.Platform;

/// <summary>
/// The evidence each build engine's RUN step presents, and what kairos-stages concludes from it.
/// Podman's two isolations are also proven by real builds (Containers/PodmanExampleBuildTests);
/// Docker's BuildKit cannot run here, so its RUN step is described by what BuildKit gives one:
/// no /.dockerenv, no /run/.containerenv, no $container, and a new PID namespace whose PID 1 is the step's process.
/// </summary>
public sealed class ContainerEvidenceTests
{
    public static TheoryData<string, HostFacts, string> Engines => new()
    {
        // measured here with podman 4.3 / buildah 1.28 (a RUN step printing the facts)
        { "podman build --isolation oci (runc)", new HostFacts(false, true, null, false, "sh"), "/run/.containerenv exists" },
        { "podman build --isolation chroot", new HostFacts(false, true, null, null, "process_api"), "/run/.containerenv exists" },
        { "docker build, classic builder", new HostFacts(true, false, null, false, "sh"), "/.dockerenv exists" },
        { "BuildKit, shell-form RUN", new HostFacts(false, false, null, false, "sh"), "PID 1 is 'sh'" },
        { "BuildKit, exec-form RUN", new HostFacts(false, false, null, false, "kairos-stages"), "PID 1 is 'kairos-stages'" },
        { "BuildKit with an init process", new HostFacts(false, false, null, false, "docker-init"), "PID 1 is 'docker-init'" },
        { "systemd-nspawn", new HostFacts(false, false, "systemd-nspawn", false, "systemd"), "container=systemd-nspawn" },
        { "plain chroot on a host", new HostFacts(false, false, null, true, "systemd"), "chroot" },
    };

    [Theory]
    [MemberData(nameof(Engines))]
    public void A_build_step_of_each_engine_is_recognised_and_may_act_on_its_root(string engine, HostFacts facts, string evidence)
    {
        // act
        var found = facts.ContainerEvidence();
        var refusal = TargetSafety.Check("/", force: false, facts);

        // assert
        Assert.True(found?.Contains(evidence, StringComparison.Ordinal) == true, $"{engine}: {found ?? "no evidence"}");
        Assert.Null(refusal);
    }

    [Fact]
    public void A_booted_host_presents_no_evidence()
    {
        // act
        var found = new HostFacts(false, false, null, false, "systemd").ContainerEvidence();

        // assert
        Assert.Null(found);
    }
}
