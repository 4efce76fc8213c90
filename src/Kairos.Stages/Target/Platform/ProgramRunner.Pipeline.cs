using CliWrap;
using CliWrap.Exceptions;

namespace Kairos.Stages.Target.Platform;

/// <summary>Programs joined by pipes (<c>find | cpio | zstd</c>) for a binary output, in the runner's error style.</summary>
public static partial class ProgramRunner
{
    /// <summary>
    /// Runs <c>programs[0] | programs[1] | …</c>: the first reads <paramref name="input"/> (or nothing), the last writes
    /// into <paramref name="output"/>; each one's stderr is kept for the message. The first program to fail throws
    /// <see cref="ProgramException"/> naming it, its exit code and its stderr's last lines; a cancel kills them all.
    /// Only a call's program, arguments, environment, working directory and tail length count here.
    /// </summary>
    public static async Task RunPipelineAsync(IReadOnlyList<ProgramCall> programs, Stream? input, Stream output, CancellationToken cancellationToken)
    {
        ArgumentOutOfRangeException.ThrowIfZero(programs.Count);
        foreach (var call in programs)
        {
            if (ProgramLookup.Find(call.Program) is null)
            {
                throw ProgramException.NotStarted(call, "not found");
            }
        }

        var errors = programs.Select(call => new Output(call with { CaptureOutput = false, OnLine = null })).ToArray();
        var commands = programs.Select((call, i) =>
        {
            var command = Cli.Wrap(call.Program).WithArguments(call.Arguments).WithEnvironmentVariables(call.Environment)
                .WithStandardErrorPipe(PipeTarget.ToDelegate(errors[i].Add));
            return call.WorkingDirectory is null ? command : command.WithWorkingDirectory(call.WorkingDirectory);
        }).ToArray();
        var pipeline = (input is null ? PipeSource.Null : PipeSource.FromStream(input)) | commands[0];
        foreach (var next in commands.Skip(1))
        {
            pipeline = pipeline | next;
        }

        try
        {
            await (pipeline | PipeTarget.ToStream(output)).ExecuteAsync(cancellationToken);
        }
        catch (CommandExecutionException e)
        {
            var failed = Array.FindIndex(commands, command => command.TargetFilePath == e.Command.TargetFilePath);
            var index = failed < 0 ? programs.Count - 1 : failed;
            throw ProgramException.Failed(programs[index], e.ExitCode, errors[index].Tail());
        }
        catch (System.ComponentModel.Win32Exception e)
        {
            throw ProgramException.NotStarted(programs[0] with { Program = string.Join(" | ", programs.Select(call => call.Program)) }, e.Message, e);
        }
    }
}
