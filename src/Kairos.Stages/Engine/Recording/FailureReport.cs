using System.Text;
using Kairos.Stages.Engine.Execution;

namespace Kairos.Stages.Engine.Recording;

/// <summary>The human message for a failed (or interrupted) step: step, source file:line, command, exit code, output tail.</summary>
public static class FailureReport
{
    public static string Format(StepResult result)
    {
        var entry = result.Entry;
        var text = new StringBuilder();
        text.Append($"step '{entry.DisplayName}'");
        if (entry.StepName is { } step)
        {
            text.Append($" of {step}");
        }

        text.Append($" in stage {entry.Stage} {(result.Status == StepStatus.Cancelled ? "was interrupted" : "failed")} ({entry.Source})");
        foreach (var failure in result.Failures)
        {
            text.Append($"\n  {failure.Message}");
            if (failure.Command is { } command)
            {
                text.Append($"\n  command: {command}");
            }

            if (failure.ExitCode is { } code)
            {
                text.Append($"\n  exit code: {code}");
            }

            if (!string.IsNullOrWhiteSpace(failure.OutputTail))
            {
                text.Append("\n  output (last lines):");
                foreach (var line in failure.OutputTail.Split('\n'))
                {
                    text.Append($"\n    | {line}");
                }
            }
        }

        return text.ToString();
    }
}
