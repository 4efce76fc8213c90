using System.Diagnostics;
using System.Text;
using System.Text.RegularExpressions;
using Kairos.Stages.Tests.Media.Disk;

namespace Kairos.Stages.Tests.EndToEnd;

/// <summary>
/// What a Pi disk's own boot path would load, read out of the disk without booting it, and a QEMU <c>virt</c> boot of it.
/// On the disk, U-Boot starts GRUB from the FAT partition (COS_GRUB), whose chain config finds COS_RECOVERY; the
/// image's menu there boots the recovery entry: kernel and initrd from <c>/cOS/recovery.img</c> on COS_RECOVERY (the FAT
/// holds no kernel), command line built by the image's <c>/etc/cos/bootargs.cfg</c> for its KAIROS_MODEL.
/// </summary>
internal static partial class PiDiskBoot
{
    /// <summary>The recovery entry's kernel and initrd, copied out of recovery.img on the disk's COS_RECOVERY, and the image's bootargs.cfg and menu.</summary>
    public static (string Kernel, string Initrd, string BootArgs, string Menu) RecoveryFiles(string disk, string scratch)
    {
        var recovery = DiskTools.ExtractPartition(disk, 2, scratch);
        try
        {
            Assert.Contains("LABEL=\"COS_RECOVERY\"", Programs.Run("blkid", "-p", recovery));
            var image = Path.Combine(scratch, "recovery.img");
            Programs.Run("debugfs", "-R", $"dump /cOS/recovery.img {image}", recovery);
            Assert.True(File.Exists(image) && new FileInfo(image).Length > 0, "COS_RECOVERY holds /cOS/recovery.img");
            var menu = DiskTools.Ext2Cat(recovery, "/etc/cos/grub.cfg");
            var kernel = Dump(image, "/boot/vmlinuz", Path.Combine(scratch, "vmlinuz"));
            var initrd = Dump(image, "/boot/initrd", Path.Combine(scratch, "initrd"));
            var bootArgs = DiskTools.Ext2Cat(image, "/etc/cos/bootargs.cfg");
            File.Delete(image);
            return (kernel, initrd, bootArgs, menu);
        }
        finally
        {
            File.Delete(recovery);
        }
    }

    /// <summary>
    /// The command line the image's bootargs.cfg builds for the menu's recovery entry (its label and img, no live
    /// squashfs) with KAIROS_MODEL=<paramref name="model"/>: GRUB's variable substitution, done here. Fails on any
    /// variable it does not know, so a changed bootargs.cfg shows up here rather than as a different boot.
    /// </summary>
    public static string RecoveryCommandLine(string bootArgs, string menu, string model)
    {
        var entry = Regex.Match(menu, @"menuentry [^\n]*--id recovery \{(.*?)\n\}", RegexOptions.Singleline);
        Assert.True(entry.Success, "the menu's recovery entry");
        var variables = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["label"] = Single(entry.Groups[1].Value, @"set label=(\S+)"),
            ["img"] = Single(entry.Groups[1].Value, @"set img=(/cOS/recovery\.img)"),
            ["baseargs"] = Single(bootArgs, "^set baseargs=\"(.*)\"$"),
            ["rootargs"] = Single(bootArgs, "^  set rootargs=\"(root=LABEL=.*)\"$"),
        };
        var board = Regex.Match(bootArgs, $@"if \[ ""\$\{{KAIROS_MODEL\}}"" = ""rpi3"" -o ""\$\{{KAIROS_MODEL\}}"" = ""{model}"" \]; then\n(.*?)\n(?:elif|else|fi)", RegexOptions.Singleline);
        Assert.True(board.Success, $"bootargs.cfg's branch for KAIROS_MODEL={model}");
        variables["extraconsole"] = Single(board.Groups[1].Value, "set extraconsole=\"(.*)\"");
        variables["modelargs"] = Single(board.Groups[1].Value, "set modelargs=\"(.*)\"");
        var line = Single(bootArgs, "^set kernelcmd=\"(.*)\"$");
        for (var round = 0; line.Contains("${", StringComparison.Ordinal); round++)
        {
            Assert.True(round < 5, $"unresolved variables in {line}");
            line = Variable().Replace(line, m => variables.TryGetValue(m.Groups[1].Value, out var value) ? value : throw new InvalidOperationException($"bootargs.cfg uses ${{{m.Groups[1].Value}}}, which this reading does not know"));
        }

        return string.Join(' ', line.Split(' ', StringSplitOptions.RemoveEmptyEntries));
    }

    /// <summary>
    /// Boots <paramref name="kernel"/> and <paramref name="initrd"/> on QEMU's <c>virt</c> (Cortex-A57, TCG) with
    /// <paramref name="disk"/> as a virtio disk (<c>-snapshot</c>: the built disk stays as built), the PL011 captured, until
    /// <paramref name="done"/> holds for a line of serial output, QEMU exits, or the deadline.
    /// </summary>
    public static async Task<(string Serial, bool Done, TimeSpan Elapsed)> BootAsync(string kernel, string initrd, string append, string disk, Func<string, bool> done, TimeSpan deadline)
    {
        using var vmLock = await QemuLiveBoot.VmTurnAsync();
        var start = new ProcessStartInfo("/usr/bin/qemu-system-aarch64") { RedirectStandardOutput = true, RedirectStandardError = true, RedirectStandardInput = true };
        foreach (var arg in new[]
        {
            "-machine", "virt", "-cpu", "cortex-a57", "-accel", "tcg,thread=multi", "-smp", "2", "-m", "2048",
            "-display", "none", "-monitor", "none", "-serial", "stdio", "-no-reboot", "-nic", "none", "-snapshot",
            "-kernel", kernel, "-initrd", initrd, "-append", append, "-drive", $"file={disk},format=raw,if=virtio",
        })
        {
            start.ArgumentList.Add(arg);
        }

        var serial = new StringBuilder();
        var reached = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var clock = Stopwatch.StartNew();
        using var process = Process.Start(start)!;
        void Take(string? line, string prefix)
        {
            lock (serial)
            {
                serial.Append(prefix).Append(line).Append('\n');
                if (line is not null && done(line))
                {
                    reached.TrySetResult();
                }
            }
        }

        process.OutputDataReceived += (_, e) => Take(e.Data, "");
        process.ErrorDataReceived += (_, e) => Take(e.Data, "[qemu] ");
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        await Task.WhenAny(reached.Task, process.WaitForExitAsync(), Task.Delay(deadline));
        var elapsed = clock.Elapsed;
        if (!process.HasExited)
        {
            process.Kill(entireProcessTree: true);
        }

        await process.WaitForExitAsync();
        lock (serial)
        {
            return (serial.ToString(), reached.Task.IsCompleted, elapsed);
        }
    }

    /// <summary>Dumps <paramref name="path"/> from an ext2 image, following a symbolic link in the same directory (vmlinuz → vmlinuz-VERSION).</summary>
    private static string Dump(string image, string path, string target)
    {
        var stat = Programs.Run("debugfs", "-R", $"stat {path}", image);
        if (Regex.Match(stat, "Fast link dest: \"(?<dest>[^\"]+)\"") is { Success: true } link)
        {
            var dest = link.Groups["dest"].Value;
            path = dest.StartsWith('/') ? dest : Path.GetDirectoryName(path) + "/" + dest;
        }

        Programs.Run("debugfs", "-R", $"dump {path} {target}", image);
        Assert.True(File.Exists(target) && new FileInfo(target).Length > 0, $"recovery.img holds {path}");
        return target;
    }

    private static string Single(string text, string pattern)
    {
        var matches = Regex.Matches(text, pattern, RegexOptions.Multiline);
        Assert.True(matches.Count == 1, $"one match of {pattern}, found {matches.Count}");
        return matches[0].Groups[1].Value;
    }

    [GeneratedRegex(@"\$\{(\w+)\}")]
    private static partial Regex Variable();
}
