using Kairos.Stages.Engine.Planning;
using static Kairos.Stages.Tests.Planning.PlanFixtures;

namespace Kairos.Stages.Tests.Planning;

public sealed class SkipSetTests
{
    private static readonly PlanSource[] Sources =
    [
        Bundled("install/10-installPackages.yaml", "installPackages", "install", Step("Install base packages")),
        Bundled("install/60-kairosBinaries.yaml", "kairosBinaries", "install", Step("Install agent")),
        Bundled("init/10-kairosRelease.yaml", "kairosRelease", "init", Step("Write kairos-release")),
        Extension("ext/a.yaml", "after-install", Step("my-extra")),
    ];

    [Fact]
    public void Skip_steps_accumulate_across_flags_and_commas_and_skip_both_steps()
    {
        var (skip, errors) = SkipSet.Parse(["installPackages", " kairosbinaries "], SkipSet.KnownNames(Sources));

        var (plan, _) = Planner.Build(Sources, "install", skip);

        Assert.Empty(errors);
        var install = plan!.Stages.Single(s => s.Name == "install").Entries;
        Assert.All(install, e => Assert.True(e.Skipped));
        Assert.Equal("--skip-steps installPackages", install[0].SkipReason);
        Assert.Equal("--skip-steps kairosBinaries", install[1].SkipReason);
    }

    [Fact]
    public void Unknown_skip_name_is_rejected_with_a_suggestion()
    {
        var (_, errors) = SkipSet.Parse(["instalPackages,cleanup"], SkipSet.KnownNames(Sources));

        Assert.Equal(2, errors.Count);
        Assert.Contains("did you mean 'installPackages'", errors[0]);
        Assert.Contains("unknown step 'cleanup'", errors[1]);
    }

    [Fact]
    public void Skipping_the_init_phase_skips_every_init_stage()
    {
        var (skip, _) = SkipSet.Parse(["init"], SkipSet.KnownNames(Sources));

        var (plan, _) = Planner.Build(Sources, "all", skip);

        Assert.All(plan!.Stages.Where(s => s.Name.Contains("init")).SelectMany(s => s.Entries), e => Assert.Contains("init phase", e.SkipReason));
        Assert.DoesNotContain(plan.Stages.Where(s => s.Name.Contains("install")).SelectMany(s => s.Entries), e => e.Skipped);
    }

    [Fact]
    public void Extension_steps_can_be_skipped_by_their_name()
    {
        var (skip, errors) = SkipSet.Parse(["my-extra"], SkipSet.KnownNames(Sources));

        var (plan, _) = Planner.Build(Sources, "install", skip);

        Assert.Empty(errors);
        Assert.True(plan!.Stages.Single(s => s.Name == "after-install").Entries.Single().Skipped);
    }
}
