namespace Kairos.Stages.Media;

/// <summary>
/// BIOS boot files from the host's GRUB (grub-pc-bin), no blobs: <c>boot/eltorito.img</c> =
/// cdboot.img + a core.img with the live menu's prefix and the modules the menu uses, and
/// <c>boot/boot_hybrid.img</c>, the MBR code xorriso writes for USB-stick boots.
/// </summary>
public static class BiosBootBuilder
{
    private const string GrubPc = "/usr/lib/grub/i386-pc";

    public static async Task BuildAsync(IsoLayout layout, string isoDirectory, string scratch, CancellationToken cancellationToken)
    {
        foreach (var needed in new[] { "cdboot.img", "boot_hybrid.img" })
        {
            if (!File.Exists(Path.Combine(GrubPc, needed)))
            {
                throw new MediaException($"{GrubPc}/{needed} is missing: BIOS boot files come from the host's GRUB (apt-get install grub-pc-bin)");
            }
        }

        var core = Path.Combine(scratch, "core.img");
        await MediaTool.RunAsync("grub-mkimage", ["-d", GrubPc, "-O", "i386-pc", "-p", layout.BiosPrefix, "-o", core, .. layout.BiosModules], cancellationToken, "making the BIOS core image");
        var boot = Path.Combine(isoDirectory, "boot");
        Directory.CreateDirectory(boot);
        await using (var eltorito = File.Create(Path.Combine(boot, "eltorito.img")))
        {
            foreach (var part in new[] { Path.Combine(GrubPc, "cdboot.img"), core })
            {
                await using var input = File.OpenRead(part);
                await input.CopyToAsync(eltorito, cancellationToken);
            }
        }

        File.Copy(Path.Combine(GrubPc, "boot_hybrid.img"), Path.Combine(boot, "boot_hybrid.img"));
        File.Delete(core);
    }
}
