using System.Text;
using Kairos.Stages.Engine.Pipeline;
using Kairos.Stages.Target.Platform;

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
        ProgramCall[] programs =
        [
            .. find is null ? [] : new[] { new ProgramCall("find", find) { WorkingDirectory = directory } },
            new ProgramCall("cpio", ["-o", "-H", "newc", "-0", "--quiet"]) { WorkingDirectory = directory },
            new ProgramCall("zstd", [.. layout.Zstd, "-q", "-c"]),
        ];
        using var input = names is null ? null : new MemoryStream(Encoding.UTF8.GetBytes(names));
        try
        {
            await ProgramRunner.RunPipelineAsync(programs, input, output, cancellationToken);
        }
        catch (ProgramException e)
        {
            throw new MediaException($"writing the initrd ({what}, {directory}): {e.Message}", ExitCodes.Failed, e);
        }
    }
}
