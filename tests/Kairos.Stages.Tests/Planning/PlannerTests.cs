using Kairos.Stages.Engine.Planning;
using static Kairos.Stages.Tests.Planning.PlanFixtures;

namespace Kairos.Stages.Tests.Planning;

public sealed class PlannerTests
{
    [Fact]
    public void Stage_all_plans_the_six_stages_in_order()
    {
        var (plan, errors) = Planner.Build([], "all", SkipSet.Empty);

        Assert.Empty(errors);
        Assert.Equal(["before-install", "install", "after-install", "before-init", "init", "after-init"], plan!.Stages.Select(s => s.Name));
    }

    [Theory]
    [InlineData("install", "before-install,install,after-install")]
    [InlineData("init", "before-init,init,after-init")]
    [InlineData("after-install", "after-install")]
    public void Stage_selector_picks_its_stages(string selector, string expected)
    {
        var (plan, _) = Planner.Build([], selector, SkipSet.Empty);

        Assert.Equal(expected.Split(','), plan!.Stages.Select(s => s.Name));
    }

    [Fact]
    public void Unknown_stage_is_an_error_listing_the_choices()
    {
        var (plan, errors) = Planner.Build([], "instal", SkipSet.Empty);

        Assert.Null(plan);
        Assert.Contains("unknown stage 'instal'", errors.Single());
        Assert.Contains("before-install", errors.Single());
    }

    [Fact]
    public void Bundled_steps_come_first_then_extensions_in_the_given_order()
    {
        var sources = new[]
        {
            Extension("ext/10-a.yaml", "install", Step("ext-a")),
            Bundled("install/10-installPackages.yaml", "installPackages", "install", Step("base"), Step("more")),
            Extension("ext/20-b.yaml", "install", Step("ext-b")),
            Bundled("install/20-branding.yaml", "branding", "install", Step("brand")),
        };

        var (plan, _) = Planner.Build(sources, "install", SkipSet.Empty);

        Assert.Equal(["base", "more", "brand", "ext-a", "ext-b"], Names(plan!, "install"));
    }

    [Fact]
    public void After_moves_a_step_behind_the_step_it_names_by_plain_name()
    {
        var sources = new[]
        {
            Extension("ext/a.yaml", "init", Step("first", "ext/a.yaml", 1, "third"), Step("second")),
            Extension("ext/b.yaml", "init", Step("third")),
        };

        var (plan, errors) = Planner.Build(sources, "init", SkipSet.Empty);

        Assert.Empty(errors);
        Assert.Equal(["third", "first", "second"], Names(plan!, "init"));
    }

    [Fact]
    public void After_resolves_yip_op_ids_of_file_and_step_name()
    {
        var sources = new[]
        {
            Extension("ext/a.yaml", "init", Step("one", "ext/a.yaml", 1, "ext/b.yaml.two")),
            Extension("ext/b.yaml", "init", Step("two")),
        };

        var (plan, errors) = Planner.Build(sources, "init", SkipSet.Empty);

        Assert.Empty(errors);
        Assert.Equal(["two", "one"], Names(plan!, "init"));
    }

    [Fact]
    public void Dangling_after_is_an_error_with_the_source_position()
    {
        var sources = new[] { Extension("ext/a.yaml", "init", Step("one", "ext/a.yaml", 3, "nope")) };

        var (plan, errors) = Planner.Build(sources, "init", SkipSet.Empty);

        Assert.Null(plan);
        Assert.Contains("ext/a.yaml:4:9", errors.Single());
        Assert.Contains("'nope'", errors.Single());
    }

    [Fact]
    public void A_cycle_of_after_is_an_error_naming_the_steps()
    {
        var sources = new[] { Extension("ext/a.yaml", "init", Step("a", "ext/a.yaml", 1, "b"), Step("b", "ext/a.yaml", 5, "a")) };

        var (plan, errors) = Planner.Build(sources, "init", SkipSet.Empty);

        Assert.Null(plan);
        Assert.Contains("cycle", errors.Single());
        Assert.Contains("'a'", errors.Single());
    }

    [Fact]
    public void Duplicate_step_names_get_indexed_ids_like_yip()
    {
        var sources = new[] { Extension("ext/a.yaml", "init", Step("x"), Step("x"), Step("")) };

        var (plan, _) = Planner.Build(sources, "init", SkipSet.Empty);

        Assert.Equal(["ext/a.yaml.x.0", "ext/a.yaml.x.1", "ext/a.yaml..2"], plan!.Stages.Single(s => s.Name == "init").Entries.Select(e => e.Id));
    }
}
