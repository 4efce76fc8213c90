using System.Globalization;

namespace Kairos.Stages.Tests.Support;

/// <summary>
/// Suites that must report a figure (cases tried, cases passed, time) append one line to the file
/// named by <c>KAIROS_STAGES_FIGURES</c>; <c>build/test.sh</c> prints that file after the run.
/// Without the variable the line goes to the test's own output only.
/// </summary>
public static class Figures
{
    public const string Variable = "KAIROS_STAGES_FIGURES";
    private static readonly Lock Gate = new();

    /// <summary>Records "suite: cases tried, passed, seconds[, detail]" for the closing report.</summary>
    public static void Report(string suite, int tried, int passed, TimeSpan elapsed, string? detail = null)
    {
        var line = string.Create(CultureInfo.InvariantCulture, $"{suite}: {tried} tried, {passed} passed, {elapsed.TotalSeconds:F1} s{(detail is null ? "" : "; " + detail)}");
        TestContext.Current.TestOutputHelper?.WriteLine(line);
        if (Environment.GetEnvironmentVariable(Variable) is { Length: > 0 } path)
        {
            lock (Gate)
            {
                File.AppendAllText(path, line + "\n");
            }
        }
    }
}
