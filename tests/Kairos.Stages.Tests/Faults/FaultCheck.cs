using System.Text.Json;

namespace Kairos.Stages.Tests.Faults;

/// <summary>
/// The promises every fault must keep, as a list of broken ones: a non-zero (exact) exit code, a
/// message naming what failed, no mount or process left in the root, a run record naming the
/// step it stopped at, no partial file at the destination, no credential anywhere.
/// </summary>
internal static class FaultCheck
{
    public static IReadOnlyList<string> Problems(FaultCase fault, FaultOutcome outcome, IReadOnlyList<string> destinationBefore, IReadOnlyList<string> destinationAfter)
    {
        var problems = new List<string>();
        if (outcome.Code == 0 || outcome.Code != fault.Exit)
        {
            problems.Add($"exit code {outcome.Code}, expected {fault.Exit}");
        }

        foreach (var text in fault.Mentions.Prepend($"'{FaultCase.FaultStep}'").Where(t => !outcome.Messages.Contains(t, StringComparison.Ordinal)))
        {
            problems.Add($"stderr does not mention \"{text}\"");
        }

        foreach (var secret in fault.Secrets.Where(s => outcome.Messages.Contains(s, StringComparison.Ordinal) || (outcome.Record?.Contains(s, StringComparison.Ordinal) ?? false)))
        {
            problems.Add($"the credential \"{secret}\" leaked into stderr or the run record");
        }

        problems.AddRange(outcome.Mounts.Select(m => $"mount left: {m}"));
        problems.AddRange(outcome.Processes.Select(p => $"process {p} still runs in the root"));
        if (outcome.Ran)
        {
            problems.Add("the step after the fault ran");
        }

        if (!destinationBefore.SequenceEqual(destinationAfter))
        {
            problems.Add($"left in {fault.Destination}: {string.Join(", ", destinationAfter.Except(destinationBefore))}");
        }

        problems.AddRange(RecordProblems(outcome.Record));
        return problems;
    }

    private static IEnumerable<string> RecordProblems(string? record)
    {
        if (record is null)
        {
            yield return "no run record in the root";
            yield break;
        }

        using var json = JsonDocument.Parse(record);
        var status = json.RootElement.GetProperty("status").GetString();
        if (status is "succeeded" or "running")
        {
            yield return $"run record status '{status}'";
        }

        if (!json.RootElement.TryGetProperty("stopped_at", out var stopped) || stopped.GetProperty("name").GetString() != FaultCase.FaultStep)
        {
            yield return $"run record does not stop at step '{FaultCase.FaultStep}'";
        }
    }
}
