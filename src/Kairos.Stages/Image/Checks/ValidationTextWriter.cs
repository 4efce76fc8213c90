namespace Kairos.Stages.Image.Checks;

/// <summary>Writes a report for people: the inputs, one line per finding (<c>FAIL [FILES] … → fix</c>), then a summary.</summary>
public static class ValidationTextWriter
{
    public static void Write(ValidationReport report, TextWriter output)
    {
        output.WriteLine($"validating {report.Root} with {string.Join(", ", report.Inputs.Select(i => $"{i.Name}={Show(i.Value)} ({i.Source})"))}");
        foreach (var finding in report.Findings)
        {
            var status = finding.Status switch
            {
                CheckStatus.Pass => "PASS",
                CheckStatus.Warn => "WARN",
                _ => "FAIL",
            };
            var fix = finding.Fix is null ? "" : $" → {finding.Fix}";
            output.WriteLine($"{status} [{finding.Tag}] {finding.Message}{fix}");
        }

        var verdict = report.Ok ? "image is Kairos-ready" : "image is NOT Kairos-ready";
        output.WriteLine($"{verdict}: {report.Passed} passed, {report.Warnings} warnings, {report.Failures} failed");
    }

    private static string Show(string value) => value.Length == 0 ? "none" : value;
}
