using Kairos.Stages.FrontEnd.Diagnostics;
using Kairos.Stages.FrontEnd.Lint;
using Kairos.Stages.FrontEnd.Loading;

namespace Kairos.Stages.Tests.Validation;

/// <summary>A diagnostic about a value points at that value (the scalar, or the list item), not at its key.</summary>
public sealed class ValueLocationTests
{
    private static Diagnostic Only(string code, string yaml)
    {
        var file = StageFileLoader.Load("a.yaml", yaml, LoadOptions.Strict).File!;
        return Assert.Single(SemanticRules.Check([file]), d => d.Code == code);
    }

    [Theory]
    [InlineData("only_os", "\"Ubuntu.*(\"", DiagnosticCodes.BadRegex)]
    [InlineData("only_os_version", "'2[4'", DiagnosticCodes.BadRegex)]
    [InlineData("only_arch", "(?=amd64)", DiagnosticCodes.Re2Unsupported)]
    [InlineData("only_os", "ubuntu", DiagnosticCodes.LowerCaseOnlyOs)]
    public void A_bad_condition_value_is_reported_at_the_value(string key, string value, string code)
    {
        // act
        var diagnostic = Only(code, $"stages:\n  init:\n    - name: a\n      {key}:   {value}\n      commands: [echo]\n");

        // assert: the value starts three spaces after the colon
        Assert.Equal((4, 7 + key.Length + 4), (diagnostic.Location.Line, diagnostic.Location.Column));
    }

    [Fact]
    public void A_dangling_after_is_reported_at_the_name_it_gives_in_block_and_flow_style()
    {
        // act
        var block = Only(DiagnosticCodes.DanglingAfter, "stages:\n  init:\n    - name: a\n      commands: [x]\n    - name: b\n      after:\n        - name: nope\n      commands: [y]\n");
        var flow = Only(DiagnosticCodes.DanglingAfter, "stages:\n  init:\n    - name: a\n      commands: [x]\n    - name: b\n      after: [{name: a}, {name: nope}]\n      commands: [y]\n");

        // assert
        Assert.Equal((7, 17), (block.Location.Line, block.Location.Column));
        Assert.Equal((6, 33), (flow.Location.Line, flow.Location.Column));
    }

    [Fact]
    public void A_run_time_template_in_the_second_command_is_reported_at_that_command()
    {
        // act
        var diagnostic = Only(DiagnosticCodes.GoTemplateError, "stages:\n  init:\n    - name: a\n      commands:\n        - echo fine\n        - echo {{ .Values.x \n");

        // assert
        Assert.Equal((6, 11), (diagnostic.Location.Line, diagnostic.Location.Column));
    }
}
