using Kairos.Stages.FrontEnd.Lint;

namespace Kairos.Stages.Tests.Validation;

public sealed class RuntimeTemplateRuleTests
{
    private static IReadOnlyList<Kairos.Stages.FrontEnd.Diagnostics.Diagnostic> Lint(string yaml) =>
        Linter.Lint([new LintInput("t.yaml", yaml)]);

    [Fact]
    public void A_key_yip_does_not_have_warns_that_it_prints_no_value()
    {
        var found = Lint("stages:\n  init:\n    - name: t\n      commands:\n        - docker ps --format '{{.ID}}'\n");

        var warning = Assert.Single(found);
        Assert.Equal("KS604", warning.Code);
        Assert.Equal((5, 11), (warning.Location.Line, warning.Location.Column));
    }

    [Fact]
    public void A_template_that_does_not_parse_warns_that_it_is_used_unchanged()
    {
        var found = Lint("stages:\n  init:\n    - name: t\n      files:\n        - path: /etc/x\n          permissions: 0644\n          content: \"{{ broken\"\n");

        Assert.Equal("KS603", Assert.Single(found).Code);
    }

    [Fact]
    public void Known_values_and_escaped_braces_are_clean()
    {
        var found = Lint("stages:\n  init:\n    - name: t\n      if: '[ \"{{ .Values.os.vendor }}\" = debian ]'\n      commands:\n        - echo '{{ \"{{\" }}.ID}}'\n");

        Assert.Empty(found);
    }
}
