using Kairos.Stages.Tests.Content;

namespace Kairos.Stages.Tests.BootTime;

/// <summary>
/// The disks of an installed Kairos node as GRUB sees them, built with the real tools (mkfs.ext2,
/// mksquashfs, grub-editenv): COS_STATE (menu, images, grub_oem_env, hooks), COS_RECOVERY
/// (recovery.img or recovery.squashfs) and COS_OEM (grubenv). Each image carries a bootargs.cfg.
/// </summary>
public sealed class GrubDisks : IDisposable
{
    private readonly TempRoot _dir = new("ks-grub-disks-");

    public string Menu { get; init; } = Shipped("grub/grub.cfg");

    public string BootArgs { get; init; } = Shipped("grub/bootargs.cfg");

    public string Model { get; init; } = "generic";

    public bool SquashfsRecovery { get; init; }

    public bool WithActiveImage { get; init; } = true;

    /// <summary>Branding menu and boot-assessment hooks on COS_STATE, as 08_grub.yaml installs them.</summary>
    public bool WithHooks { get; init; } = true;

    public Dictionary<string, string> GrubEnv { get; } = [];

    public Dictionary<string, string> OemEnv { get; } = [];

    public Dictionary<string, string> Assessment { get; } = [];

    public string StateDisk => _dir.HostPath("state.disk");

    public string OemDisk => _dir.HostPath("oem.disk");

    public string RecoveryDisk => _dir.HostPath("recovery.disk");

    public string Directory => _dir.Path;

    public static string Shipped(string asset) => File.ReadAllText(Path.Combine(ContentStages.StagesDirectory, "assets", asset));

    /// <summary>Writes the three disk images.</summary>
    public void Build()
    {
        var image = BuildImageTree();
        var state = _dir.CreateDirectory("state");
        _dir.Write("state/grub2/grub.cfg", Menu);
        _dir.CreateDirectory("state/cOS");
        if (WithActiveImage)
        {
            Ext2(image, "COS_ACTIVE", _dir.HostPath("state/cOS/active.img"), 8);
        }

        Ext2(image, "COS_PASSIVE", _dir.HostPath("state/cOS/passive.img"), 8);
        EnvFile(_dir.HostPath("state/grub_oem_env"), OemEnv);
        if (WithHooks)
        {
            _dir.Write("state/grubmenu", Shipped("branding/grubmenu.cfg"));
            _dir.Write("state/grubcustom", Shipped("grub/boot_assessment_hook.cfg"));
            _dir.Write("state/grub_boot_assessment", Shipped("grub/boot_assessment.cfg"));
            EnvFile(_dir.HostPath("state/boot_assessment"), Assessment);
        }

        Ext2(state, "COS_STATE", StateDisk, 64);

        var recovery = _dir.CreateDirectory("recovery/cOS");
        if (SquashfsRecovery)
        {
            Programs.Run("mksquashfs", image, Path.Combine(recovery, "recovery.squashfs"), "-quiet", "-noappend", "-all-root");
        }
        else
        {
            Ext2(image, "COS_SYSTEM", Path.Combine(recovery, "recovery.img"), 8);
        }

        Ext2(_dir.HostPath("recovery"), "COS_RECOVERY", RecoveryDisk, 32);

        _dir.CreateDirectory("oem");
        EnvFile(_dir.HostPath("oem/grubenv"), GrubEnv);
        Ext2(_dir.HostPath("oem"), "COS_OEM", OemDisk, 8);
    }

    /// <summary>The text of a file on one of the disks after GRUB ran (debugfs reads it without mounting).</summary>
    public static string ReadFile(string disk, string path) => Programs.Run("debugfs", "-R", "cat " + path, disk);

    public void Dispose() => _dir.Dispose();

    private string BuildImageTree()
    {
        _dir.Write("image/etc/cos/bootargs.cfg", BootArgs);
        _dir.Write("image/etc/os-release", "NAME=\"Debian GNU/Linux\"\nID=debian\nVERSION_ID=\"12\"\n");
        _dir.Write("image/etc/kairos-release", $"KAIROS_MODEL=\"{Model}\"\nKAIROS_FLAVOR=\"debian\"\n");
        _dir.Write("image/boot/vmlinuz", "kernel");
        _dir.Write("image/boot/initrd", "initrd");
        return _dir.HostPath("image");
    }

    private static void Ext2(string tree, string label, string file, int megabytes)
    {
        using (var stream = File.Create(file))
        {
            stream.SetLength(megabytes * 1024L * 1024L);
        }

        Programs.Run("mkfs.ext2", "-q", "-F", "-d", tree, "-L", label, file);
    }

    private static void EnvFile(string path, Dictionary<string, string> values)
    {
        Programs.Run("grub-editenv", path, "create");
        if (values.Count > 0)
        {
            Programs.Run(["grub-editenv", path, "set", .. values.Select(kv => $"{kv.Key}={kv.Value}")]);
        }
    }
}
