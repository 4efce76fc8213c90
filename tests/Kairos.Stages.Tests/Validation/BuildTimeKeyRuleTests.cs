using Kairos.Stages.FrontEnd.Diagnostics;
using Kairos.Stages.FrontEnd.Lint;

namespace Kairos.Stages.Tests.Validation;

public sealed class BuildTimeKeyRuleTests
{
    private static IReadOnlyList<Diagnostic> Lint(string yaml) => Linter.Lint([new LintInput("t.yaml", yaml)]);

    [Fact]
    public void Sysctl_in_a_build_stage_warns_with_the_file_to_write_instead()
    {
        var found = Lint("stages:\n  init:\n    - name: t\n      sysctl:\n        vm.swappiness: \"10\"\n");

        var warning = Assert.Single(found);
        Assert.Equal(("KS514", Severity.Warning, 4, 7), (warning.Code, warning.Severity, warning.Location.Line, warning.Location.Column));
        Assert.Contains("/etc/sysctl.d/", warning.Message);
    }

    [Fact]
    public void Layout_in_a_build_stage_is_an_error_before_anything_runs()
    {
        var found = Lint("stages:\n  after-install:\n    - name: t\n      layout:\n        device:\n          label: COS_PERSISTENT\n");

        Assert.Contains(found, d => d is { Code: "KS514", Severity: Severity.Error });
    }

    [Fact]
    public void Boot_stages_may_use_boot_time_keys()
    {
        var found = Lint("stages:\n  boot:\n    - name: t\n      sysctl:\n        vm.swappiness: \"10\"\n");

        Assert.DoesNotContain(found, d => d.Code == "KS514");
    }
}
