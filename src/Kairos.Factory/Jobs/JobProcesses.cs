using System.Text;
using CliWrap;

namespace Kairos.Factory.Jobs;

/// <summary>
/// Runs one pipeline command (an argument list, never a shell string) with every output line in the job log.
/// Each process carries <c>KAIROS_FACTORY_JOB</c> so a restart or a cancel can find and kill what is left of the tree.
/// </summary>
public sealed class JobProcesses(string markerPrefix, string jobId, JobLog log, CancellationToken cancellation)
{
    public const string MarkerVariable = "KAIROS_FACTORY_JOB";

    public string Marker => markerPrefix + jobId;

    /// <summary>Runs and throws <see cref="StepFailedException"/> on a non-zero exit or a missing program.</summary>
    public async Task RunAsync(string step, string program, IReadOnlyList<string> arguments, string? workingDirectory = null)
    {
        log.Write(step, "$ " + string.Join(' ', new[] { program }.Concat(arguments).Select(Quote)));
        var tail = new Queue<string>();
        void Line(string line)
        {
            log.Write(step, line);
            lock (tail)
            {
                tail.Enqueue(line);
                if (tail.Count > 5)
                {
                    tail.Dequeue();
                }
            }
        }

        var command = Cli.Wrap(program)
            .WithArguments(arguments)
            .WithEnvironmentVariables(env => env.Set(MarkerVariable, Marker))
            .WithValidation(CommandResultValidation.None)
            .WithStandardOutputPipe(PipeTarget.ToDelegate(Line, Encoding.UTF8))
            .WithStandardErrorPipe(PipeTarget.ToDelegate(Line, Encoding.UTF8));
        if (workingDirectory is not null)
        {
            command = command.WithWorkingDirectory(workingDirectory);
        }

        CommandResult result;
        try
        {
            result = await command.ExecuteAsync(cancellation);
        }
        catch (Exception exception) when (exception is System.ComponentModel.Win32Exception or InvalidOperationException)
        {
            throw new StepFailedException($"{step}: cannot start {program}: {exception.Message} (is it installed?)");
        }

        if (result.ExitCode != 0)
        {
            string last;
            lock (tail)
            {
                last = string.Join(" | ", tail);
            }

            throw new StepFailedException($"{step}: {program} exited with code {result.ExitCode}: {last}");
        }
    }

    private static string Quote(string argument) =>
        argument.Length > 0 && argument.All(c => char.IsAsciiLetterOrDigit(c) || "-_./:=+,@".Contains(c)) ? argument : "'" + argument.Replace("'", "'\\''", StringComparison.Ordinal) + "'";
}
