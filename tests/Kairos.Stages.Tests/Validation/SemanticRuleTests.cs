using Kairos.Stages.FrontEnd.Diagnostics;
using Kairos.Stages.FrontEnd.Lint;
using Kairos.Stages.FrontEnd.Loading;
using Kairos.Stages.FrontEnd.Model;

namespace Kairos.Stages.Tests.Validation;

public sealed class SemanticRuleTests
{
    private static StageFile Load(string path, string yaml) => StageFileLoader.Load(path, yaml, LoadOptions.Strict).File!;

    [Fact]
    public void After_resolves_op_ids_and_plain_names_across_files_of_one_stage()
    {
        // arrange
        var first = Load("/ext/01.yaml", "name: base\nstages:\n  init:\n    - name: prepare\n      commands: [a]\n    - commands: [b]\n");
        var second = Load("/ext/02.yaml", "stages:\n  init:\n    - name: use\n      after: [{name: base.prepare}, {name: base.1}, {name: prepare}, {name: /ext/02.yaml.use2}]\n      commands: [c]\n    - name: use2\n      commands: [d]\n");

        // act
        var diagnostics = SemanticRules.Check([first, second]);

        // assert
        Assert.Empty(diagnostics);
    }

    [Fact]
    public void After_in_another_stage_does_not_resolve()
    {
        // arrange
        var file = Load("a.yaml", "stages:\n  install:\n    - name: x\n      commands: [a]\n  init:\n    - name: y\n      after: [{name: x}]\n      commands: [b]\n");

        // act
        var diagnostics = SemanticRules.Check([file]);

        // assert
        var error = Assert.Single(diagnostics);
        Assert.Equal((DiagnosticCodes.DanglingAfter, 7, 22), (error.Code, error.Location.Line, error.Location.Column));
    }

    [Fact]
    public void A_step_after_itself_is_a_cycle()
    {
        // arrange
        var file = Load("a.yaml", "stages:\n  init:\n    - name: x\n      after: [{name: x}]\n      commands: [a]\n");

        // act
        var diagnostics = SemanticRules.Check([file]);

        // assert
        Assert.Equal(DiagnosticCodes.AfterCycle, Assert.Single(diagnostics).Code);
    }

    [Fact]
    public void Op_id_labels_follow_yips_renaming()
    {
        // arrange
        Step[] unique = [new() { Name = "a" }, new()];
        Step[] duplicated = [new() { Name = "a" }, new() { Name = "a" }, new()];

        // act / assert
        Assert.Equal(["a", "1"], OpIds.Labels(unique));
        Assert.Equal(["a.0", "a.1", ".2"], OpIds.Labels(duplicated));
    }

    [Fact]
    public void Rules_are_registered_once_each()
    {
        // arrange / act
        var types = SemanticRules.All.Select(r => r.GetType()).ToList();

        // assert
        Assert.Equal(types.Count, types.Distinct().Count());
        Assert.All(types, t => Assert.True(t.IsSealed));
    }

    [Fact]
    public void Extra_stage_names_can_be_allowed()
    {
        // arrange
        var file = Load("a.yaml", "stages:\n  custom:\n    - commands: [a]\n");

        // act
        var diagnostics = SemanticRules.Check([file], new SemanticOptions { ExtraStageNames = ["custom"] });

        // assert
        Assert.Empty(diagnostics);
    }
}
