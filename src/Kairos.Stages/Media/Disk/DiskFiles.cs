using System.Text;
using Kairos.Stages.FrontEnd.Rendering;
using Kairos.Stages.FrontEnd.Sources;
using Kairos.Stages.Target.Context;
using Scriban.Runtime;

namespace Kairos.Stages.Media.Disk;

/// <summary>The contents of the raw disk's small partitions: EFI (shim, grub, chain config) and OEM (grubenv, reset config, cloud config).</summary>
public static class DiskFiles
{
    private const int GrubenvSize = 1024;

    /// <summary>The variables build-disk adds under <c>disk</c> for the templates in stages/disk/.</summary>
    public static ScriptObject Variables(DiskLayout layout, long stateSizeMiB, string model) => new()
    {
        ["disk"] = new ScriptObject
        {
            ["recovery_label"] = layout.Recovery.Label,
            ["oem_label"] = layout.Oem.Label,
            ["grub_directory"] = layout.BiosDirectory,
            ["grub_config"] = layout.GrubConfig,
            ["state_size_mib"] = stateSizeMiB,
            ["reset_config"] = layout.OemResetConfig,
            ["rpi_model"] = model,
        },
    };

    public static string Render(IStageSource stages, string template, BuildContext context, ScriptObject variables)
    {
        var text = stages.ReadText(template) ?? throw MediaException.Input($"{stages.DisplayPath(template)}: missing (a build-disk template)");
        var result = StageRenderer.ForSource(stages).Render(stages.DisplayPath(template), text, context, variables);
        return result.Diagnostics.Count > 0 ? throw MediaException.Input(string.Join('\n', result.Diagnostics.Select(d => d.ToString()))) : result.Text!;
    }

    /// <summary>GRUB's environment block: its header line, the values, '#' up to 1024 bytes (GRUB rewrites it in place).</summary>
    public static byte[] Grubenv(IEnumerable<(string Key, string Value)> values)
    {
        var text = new StringBuilder("# GRUB Environment Block\n");
        foreach (var (key, value) in values)
        {
            text.Append(key).Append('=').Append(value).Append('\n');
        }

        var bytes = Encoding.ASCII.GetBytes(text.ToString());
        if (bytes.Length > GrubenvSize)
        {
            throw MediaException.Input("the grubenv values do not fit GRUB's 1024-byte environment block");
        }

        var block = Enumerable.Repeat((byte)'#', GrubenvSize).ToArray();
        bytes.CopyTo(block, 0);
        return block;
    }

    /// <summary>EFI/BOOT: the image's shim under its own name and as the removable-media boot file, its disk grub, the chain config where grub looks.</summary>
    public static void StageEfi(string root, string staging, EfiFiles efi, DiskLayout layout, string flavor, string chain, Action<string> log)
    {
        var boot = Directory.CreateDirectory(Path.Combine(staging, "EFI", "BOOT")).FullName;
        var grub = ImageFiles.FirstExisting(root, efi.Grub.Where(g => !layout.EfiSkipGrub.Contains(g)));
        var shim = ImageFiles.FirstExisting(root, efi.Shim);
        if (grub is null || shim is null)
        {
            throw MediaException.Input($"{root}: the image has no {(shim is null ? "shim" : "EFI grub")} (looked for {string.Join(", ", shim is null ? efi.Shim : efi.Grub)}): --firmware efi boots the image's own shim and grub (kairos-stages run installs shim-signed and grub-efi on Debian and Ubuntu)");
        }

        log($"EFI: shim {Path.GetFileName(shim)} and grub {Path.GetFileName(grub)} from the image");
        File.Copy(shim, Path.Combine(boot, efi.BootName));
        File.Copy(shim, Path.Combine(boot, Unsigned(Path.GetFileName(shim))), overwrite: true);
        File.Copy(grub, Path.Combine(boot, efi.GrubName), overwrite: true);
        WriteChain(staging, layout.EfiChainPaths.Concat(FlavorChainPaths(layout, flavor)), chain);
    }

    /// <summary>The flavour's own grub directory, where its grub looks for the chain config (none for most).</summary>
    public static IReadOnlyList<string> FlavorChainPaths(DiskLayout layout, string flavor) =>
        layout.EfiChainPathsByFlavor.TryGetValue(flavor, out var extra) ? extra : [];

    /// <summary>The chain config at each path (relative to the partition's root), once per distinct path.</summary>
    public static void WriteChain(string staging, IEnumerable<string> paths, string chain)
    {
        foreach (var path in paths.Distinct(StringComparer.Ordinal))
        {
            var target = Path.Combine(staging, path);
            Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            File.WriteAllText(target, chain);
        }
    }

    /// <summary>OEM: grubenv, the reset config, and the cloud config (the given one, the default user, or none).</summary>
    public static void StageOem(string staging, DiskLayout layout, string resetConfig, string? cloudConfig)
    {
        Directory.CreateDirectory(staging);
        File.WriteAllBytes(Path.Combine(staging, layout.OemGrubenv), Grubenv(layout.GrubenvValues));
        File.WriteAllText(Path.Combine(staging, layout.OemResetConfig), resetConfig);
        File.SetUnixFileMode(Path.Combine(staging, layout.OemResetConfig), (UnixFileMode)0x1A4);
        if (cloudConfig is not null)
        {
            var path = Path.Combine(staging, layout.OemCloudConfig);
            File.WriteAllText(path, cloudConfig);
            File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite);
        }
    }

    private static string Unsigned(string name)
    {
        foreach (var suffix in new[] { ".dualsigned", ".signed.latest", ".signed" })
        {
            if (name.EndsWith(suffix, StringComparison.Ordinal))
            {
                return name[..^suffix.Length];
            }
        }

        return name;
    }
}
