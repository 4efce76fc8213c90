using System.Text;
using CliWrap;
using CliWrap.Exceptions;

namespace Kairos.Stages.Media.Uki;

/// <summary>
/// The UKI's initrd: the whole root as newc cpio archives, each zstd-compressed, concatenated (the
/// kernel unpacks them in turn, a later entry replacing an earlier one). The root is read in place
/// (find | cpio | zstd, one pass, no copy): first the root with the mount-point directories empty and
/// /boot left out, then AuroraBoot's additions (/init → immucore, /oem, /efi, /usr/local/cloud-config),
/// then --overlay-rootfs.
/// </summary>
public static class InitrdWriter
{
    public static async Task WriteAsync(string root, string? overlay, UkiLayout layout, string staging, string output, CancellationToken cancellationToken)
    {
        await using var file = File.Create(output);
        var empty = layout.InitrdEmpty.SelectMany(d => new[] { "-o", "-path", "./" + d }).Skip(1).ToList();
        var leaveOut = layout.InitrdLeaveOut.SelectMany(d => new[] { "-o", "-path", "./" + d }).Skip(1).ToList();
        string[] find = [".", "-mindepth", "1", "(", .. leaveOut, ")", "-prune", "-o", "(", .. empty, ")", "-prune", "-print0", "-o", "-print0"];
        await ArchiveAsync(root, find, file, layout, "the root", cancellationToken);

        Directory.CreateDirectory(staging);
        File.CreateSymbolicLink(Path.Combine(staging, "init"), layout.InitLink);
        foreach (var directory in layout.InitrdDirs)
        {
            Directory.CreateDirectory(Path.Combine(staging, directory));
        }

        // only the added entries: their parents come from the root
        var names = string.Join('\0', layout.InitrdDirs.Prepend("init")) + "\0";
        await ArchiveAsync(staging, null, file, layout, "the Kairos layout", cancellationToken, names);
        if (overlay is not null)
        {
            await ArchiveAsync(overlay, [".", "-mindepth", "1", "-print0"], file, layout, "--overlay-rootfs", cancellationToken);
        }
    }

    private static async Task ArchiveAsync(string directory, string[]? find, Stream output, UkiLayout layout, string what, CancellationToken cancellationToken, string? names = null)
    {
        var errors = new StringBuilder();
        var cpio = Cli.Wrap("cpio").WithWorkingDirectory(directory).WithArguments(["-o", "-H", "newc", "-0", "--quiet"]).WithStandardErrorPipe(PipeTarget.ToStringBuilder(errors));
        var zstd = Cli.Wrap("zstd").WithArguments([.. layout.Zstd, "-q", "-c"]).WithStandardErrorPipe(PipeTarget.ToStringBuilder(errors));
        var source = find is null
            ? PipeSource.FromString(names!)
            : PipeSource.FromCommand(Cli.Wrap("find").WithWorkingDirectory(directory).WithArguments(find).WithStandardErrorPipe(PipeTarget.ToStringBuilder(errors)));
        try
        {
            await (source | cpio | zstd | PipeTarget.ToStream(output)).ExecuteAsync(cancellationToken);
        }
        catch (CommandExecutionException e)
        {
            throw new MediaException($"writing the initrd ({what}, {directory}): {e.Command.TargetFilePath} exited {e.ExitCode}: {errors.ToString().Trim()}");
        }
        catch (System.ComponentModel.Win32Exception e)
        {
            throw new MediaException($"writing the initrd: find, cpio or zstd could not start ({e.Message}): install them (build/install-deps.sh lists the packages)", ExitCodes.Failed, e);
        }
    }
}
