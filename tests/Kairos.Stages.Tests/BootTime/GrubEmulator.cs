using System.Diagnostics;
using System.Text.RegularExpressions;

namespace Kairos.Stages.Tests.BootTime;

/// <summary>
/// Runs GRUB itself (Debian's grub-emu) headless on <see cref="GrubDisks"/>: a wrapper config
/// replaces the <c>linux</c>/<c>initrd</c> loaders with functions that print the chosen entry and
/// each kernel argument (only when the kernel file exists, so a missing image fails the entry as a real loader would), then halt, and sources the menu on COS_STATE exactly as the bootloader
/// does. What GRUB would have booted is parsed from that output.
/// </summary>
public static partial class GrubEmulator
{
    public const string Binary = "/usr/bin/grub-emu";

    private const string Wrapper = """
        function linux {
          if [ -f "$1" ]; then
            set kernel_loaded=1
            echo ""
            echo "ENTRY ${chosen}"
            echo "NAME ${display_name}"
            echo "KERNEL $1"
            shift
            for a in "$@"; do echo "ARG $a"; done
          else
            set kernel_loaded=
          fi
        }
        function initrd {
          if [ "${kernel_loaded}" ]; then echo "INITRD $1"; halt; fi
        }
        search --no-floppy --label --set=state_disk COS_STATE
        source ($state_disk)/grub2/grub.cfg
        set timeout=0
        """;

    public static bool Available => File.Exists(Binary);

    /// <summary>Boots the disks once and returns what GRUB loaded.</summary>
    public static GrubBoot Boot(GrubDisks disks)
    {
        var dir = Directory.CreateDirectory(Path.Combine(disks.Directory, "emu")).FullName;
        File.WriteAllText(Path.Combine(dir, "grub.cfg"), Wrapper);
        var map = Path.Combine(dir, "device.map");
        File.WriteAllText(map, $"(hd0) {disks.StateDisk}\n(hd1) {disks.RecoveryDisk}\n(hd2) {disks.OemDisk}\n");

        var info = new ProcessStartInfo(Binary) { RedirectStandardOutput = true, RedirectStandardError = true, RedirectStandardInput = true };
        foreach (var argument in new[] { "-d", dir, "-m", map })
        {
            info.ArgumentList.Add(argument);
        }

        using var process = Process.Start(info)!;
        process.StandardInput.Close();
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        if (!process.WaitForExit(TimeSpan.FromSeconds(30)))
        {
            process.Kill(entireProcessTree: true);
            process.WaitForExit();
            throw new TimeoutException($"grub-emu did not halt; output so far:\n{Clean(output.Result)}");
        }

        return Parse(Clean(output.Result), error.Result);
    }

    private static string Clean(string raw) => Escape().Replace(raw, "");

    private static GrubBoot Parse(string text, string error)
    {
        var lines = text.Split(['\r', '\n'], StringSplitOptions.RemoveEmptyEntries);
        string? entry = null;
        string? name = null;
        string? kernel = null;
        string? initrd = null;
        var args = new List<string>();
        foreach (var line in lines)
        {
            if (Marker().Match(line) is not { Success: true } m)
            {
                continue;
            }

            var value = m.Groups[2].Value.Trim();
            switch (m.Groups[1].Value)
            {
                case "ENTRY": entry = value; break;
                case "NAME": name = value; break;
                case "KERNEL": kernel = value; break;
                case "ARG": args.Add(value); break;
                case "INITRD": initrd = value; break;
            }
        }

        return kernel is null
            ? throw new InvalidOperationException($"GRUB booted nothing.\n--- output\n{text}\n--- stderr\n{error}")
            : new GrubBoot(entry ?? "", name ?? "", kernel, initrd ?? "", args, text);
    }

    [GeneratedRegex(@"\x1b\[[0-9;?]*[A-Za-z]")]
    private static partial Regex Escape();

    [GeneratedRegex(@"(ENTRY|NAME|KERNEL|ARG|INITRD) (.*)$")]
    private static partial Regex Marker();
}

/// <summary>What GRUB loaded: the menu entry id, the menu's display name, kernel, initrd and kernel arguments in order.</summary>
public sealed record GrubBoot(string Entry, string DisplayName, string Kernel, string Initrd, IReadOnlyList<string> Arguments, string Output)
{
    public string CommandLine => string.Join(' ', Arguments);
}
