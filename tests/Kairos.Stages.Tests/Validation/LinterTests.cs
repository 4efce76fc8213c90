using Kairos.Stages.FrontEnd.Diagnostics;
using Kairos.Stages.FrontEnd.Lint;

namespace Kairos.Stages.Tests.Validation;

public sealed class LinterTests
{
    private const string Template = "step: greet\ndescription: says hello\nstages:\n  init:\n    - name: hi\n      commands: [\"{{ greeting }}\"]\n";

    [Fact]
    public void The_preprocessor_renders_only_bundled_files_and_its_diagnostics_are_kept()
    {
        // arrange
        var seen = new List<string>();
        var options = new LintOptions
        {
            Preprocess = (path, text) =>
            {
                seen.Add(path);
                return (text.Replace("{{ greeting }}", "echo hello", StringComparison.Ordinal),
                    [new Diagnostic(new SourceSpan(path, 6, 20), Severity.Warning, DiagnosticCodes.TemplateUndefined, "greeting came from a default")]);
            },
        };

        // act
        var diagnostics = Linter.Lint([new LintInput("stages/greet.yaml", Template), new LintInput("ext.yaml", "stages:\n  init:\n    - commands: [a]\n")], options);

        // assert
        Assert.Equal(["stages/greet.yaml"], seen);
        Assert.Equal(DiagnosticCodes.TemplateUndefined, Assert.Single(diagnostics).Code);
    }

    [Fact]
    public void A_preprocessor_that_returns_no_text_stops_that_file_only()
    {
        // arrange
        var options = new LintOptions
        {
            Preprocess = (path, _) => (null, [new Diagnostic(new SourceSpan(path, 1, 1), Severity.Error, DiagnosticCodes.TemplateError, "broken template")]),
        };

        // act
        var diagnostics = Linter.Lint([new LintInput("stages/greet.yaml", Template)], options);

        // assert
        Assert.Equal(DiagnosticCodes.TemplateError, Assert.Single(diagnostics).Code);
    }

    [Fact]
    public void Bundled_files_are_recognised_by_a_top_level_step_key()
    {
        // arrange / act / assert
        Assert.True(Linter.IsBundled(Template));
        Assert.False(Linter.IsBundled("stages:\n  init:\n    - name: x\n      step: nested\n"));
    }

    [Fact]
    public void Semantic_findings_about_a_file_with_load_errors_are_held_back()
    {
        // arrange
        var broken = new LintInput("broken.yaml", "stages:\n  init:\n    - files:\n        - path: /a\n          permissions: \"0644\"\n");

        // act
        var diagnostics = Linter.Lint([broken]);

        // assert
        Assert.Equal(DiagnosticCodes.QuotedNumber, Assert.Single(diagnostics).Code);
    }
}
