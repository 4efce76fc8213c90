using CliWrap;
using CliWrap.Buffered;

namespace Kairos.TestSupport;

/// <summary>What a program run by <see cref="Programs"/> did: its exit code and both outputs.</summary>
public sealed record ProgramResult(int Code, string Output, string Error);

/// <summary>
/// The tests' one way to run a program to its end (CliWrap, as the product does): arguments as a list (never a
/// shell line), both outputs captured. Tests that must signal or stream a live process (QEMU, the Factory server,
/// the signal probe) hold their own <see cref="System.Diagnostics.Process"/>.
/// </summary>
public static class Programs
{
    /// <summary>Runs <paramref name="command"/> (program, then arguments) and returns its output; throws with its error output when it exits non-zero.</summary>
    public static string Run(params string[] command) => Run(command, input: null);

    /// <summary>As <see cref="Run(string[])"/>, with <paramref name="input"/> on its standard input.</summary>
    public static string Run(string[] command, string? input, IReadOnlyDictionary<string, string?>? environment = null, string? workingDirectory = null)
    {
        var result = Try(command, input, environment, workingDirectory);
        return result.Code == 0
            ? result.Output
            : throw new InvalidOperationException($"{string.Join(' ', command)} exited {result.Code}: {result.Error}");
    }

    /// <summary>Runs <paramref name="command"/> and returns what it did, whatever its exit code.</summary>
    public static ProgramResult Try(string[] command, string? input = null, IReadOnlyDictionary<string, string?>? environment = null, string? workingDirectory = null)
    {
        ArgumentOutOfRangeException.ThrowIfZero(command.Length);
        var cli = Cli.Wrap(command[0]).WithArguments(command[1..]).WithValidation(CommandResultValidation.None);
        if (input is not null)
        {
            cli = cli.WithStandardInputPipe(PipeSource.FromString(input));
        }

        if (environment is not null)
        {
            cli = cli.WithEnvironmentVariables(environment);
        }

        if (workingDirectory is not null)
        {
            cli = cli.WithWorkingDirectory(workingDirectory);
        }

        var result = cli.ExecuteBufferedAsync().Task.GetAwaiter().GetResult();
        return new ProgramResult(result.ExitCode, result.StandardOutput, result.StandardError);
    }
}
