namespace Kairos.Stages.Image.Checks;

/// <summary>Runs every check of a catalog against a root and collects all findings (a failing check never stops the others).</summary>
public static class ImageValidator
{
    public static async Task<ValidationReport> ValidateAsync(CheckContext context, IReadOnlyList<IImageCheck>? checks = null, CancellationToken cancellationToken = default)
    {
        var findings = new List<CheckFinding>();
        foreach (var check in checks ?? ImageChecks.All)
        {
            try
            {
                var found = await check.RunAsync(context, cancellationToken);
                findings.AddRange(found.Count > 0 ? found : [CheckFinding.Pass(check.Tag, check.Title)]);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                findings.Add(CheckFinding.Fail(check.Tag, $"{check.Title}: could not inspect the root: {e.Message}", "check the root's permissions and links, or run validate as root"));
            }
        }

        return new ValidationReport(context.Target.Root, context.Inputs, findings);
    }
}
