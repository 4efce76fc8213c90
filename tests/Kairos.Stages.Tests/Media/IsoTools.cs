using Kairos.Stages.Cli.Commands;

namespace Kairos.Stages.Tests.Media;

/// <summary>Runs build-iso in-process and reads ISOs back with xorriso, mtools and unsquashfs.</summary>
internal static class IsoTools
{
    private static readonly string[] Tools = ["xorriso", "mksquashfs", "unsquashfs", "mkfs.vfat", "mcopy", "grub-mkimage"];
    private static readonly string[] Directories = ["/usr/bin", "/usr/sbin", "/sbin", "/bin"];

    /// <summary>Why ISO tests cannot run here (a tool missing), or null.</summary>
    public static string? Unavailable() =>
        Tools
            .Where(t => !Directories.Any(d => File.Exists(Path.Combine(d, t))))
            .Select(t => $"needs {t} (build/install-deps.sh installs it)")
            .FirstOrDefault()
        ?? (Directory.Exists("/usr/lib/grub/i386-pc") && Directory.Exists("/usr/lib/grub/x86_64-efi") ? null : "needs grub-pc-bin and grub-efi-amd64-bin");

    public static async Task<(int Code, string Output, string Error)> BuildIsoAsync(params string[] args)
    {
        var output = new StringWriter();
        var error = new StringWriter();
        var code = await CliApp.RunAsync(["build-iso", .. args], output, error);
        return (code, output.ToString(), error.ToString());
    }

    /// <summary>Files and directories of the ISO, as absolute ISO paths.</summary>
    public static string[] List(string iso) =>
        Programs.Run("xorriso", "-indev", iso, "-find", "/", "-exec", "lsdl", "--").Split('\n', StringSplitOptions.RemoveEmptyEntries);

    public static string Extract(string iso, string path, string directory)
    {
        var target = Path.Combine(directory, path.Trim('/').Replace('/', '_'));
        Programs.Run("xorriso", "-osirrox", "on", "-indev", iso, "-extract", path, target);
        return target;
    }

    /// <summary>What is left in an output directory: no ISO, no half-written file, no work directory after a failure.</summary>
    public static string[] Leftovers(string directory) =>
        Directory.Exists(directory) ? [.. Directory.GetFileSystemEntries(directory).Select(Path.GetFileName).OfType<string>()] : [];
}
