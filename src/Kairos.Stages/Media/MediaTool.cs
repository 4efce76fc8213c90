using System.Text;
using CliWrap;

namespace Kairos.Stages.Media;

/// <summary>Runs one of the field's tools (mksquashfs, xorriso, grub-mkimage, mkfs.vfat, mcopy, umoci, …); a non-zero exit becomes a <see cref="MediaException"/> with the command line and the output's tail.</summary>
public static class MediaTool
{
    private const int TailLines = 15;

    public static async Task<string> RunAsync(string program, IEnumerable<string> arguments, CancellationToken cancellationToken, string? why = null, IReadOnlyDictionary<string, string?>? environment = null)
    {
        var args = arguments.ToList();
        var output = new StringBuilder();
        var gate = new Lock();
        void Add(string line)
        {
            lock (gate)
            {
                output.Append(line).Append('\n');
            }
        }

        CommandResult result;
        try
        {
            result = await Cli.Wrap(program)
                .WithArguments(args)
                .WithValidation(CommandResultValidation.None)
                .WithEnvironmentVariables(environment ?? new Dictionary<string, string?>())
                .WithStandardOutputPipe(PipeTarget.ToDelegate(Add))
                .WithStandardErrorPipe(PipeTarget.ToDelegate(Add))
                .ExecuteAsync(cancellationToken);
        }
        catch (System.ComponentModel.Win32Exception e)
        {
            throw new MediaException($"{program} could not start ({e.Message}): install it (build/install-deps.sh lists the packages)", 1, e);
        }

        if (result.ExitCode != 0)
        {
            var tail = string.Join('\n', output.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries).TakeLast(TailLines));
            throw new MediaException($"{why ?? program} failed: '{program} {string.Join(' ', args)}' exited {result.ExitCode}:\n{tail}");
        }

        return output.ToString();
    }
}
