
namespace Kairos.Stages.Tests.Media;

/// <summary>build-iso on a small stand-in root: AuroraBoot's names, layout, boot records, EFI image, GRUB files and squashfs, read back with the field's tools.</summary>
public sealed class BuildIsoLayoutTests
{
    [Fact]
    public async Task Iso_from_a_dir_root_has_the_live_layout_boot_records_and_a_one_space_checksum()
    {
        if (IsoTools.Unavailable() is { } why)
        {
            Assert.Skip(why);
        }

        // arrange
        using var root = new FakeKairosRoot();
        var output = Directory.CreateTempSubdirectory("ks-iso-out-").FullName;
        var scratch = Directory.CreateTempSubdirectory("ks-iso-read-").FullName;
        var cloudConfig = Path.Combine(scratch, "cc.yaml");
        await File.WriteAllTextAsync(cloudConfig, "#cloud-config\nhostname: from-the-iso\n", TestContext.Current.CancellationToken);
        try
        {
            // act
            var result = await IsoTools.BuildIsoAsync($"dir:{root.Path}", "--output", output, "--cloud-config", cloudConfig, "--extend-live-cmdline", "e2e.extra=1\nsecond=2");

            // assert: the names and the checksum line
            Assert.True(result.Code == 0, result.Error);
            var iso = Path.Combine(output, FakeKairosRoot.IsoName + ".iso");
            Assert.Equal(iso, result.Output.Trim());
            Assert.Equal([FakeKairosRoot.IsoName + ".iso", FakeKairosRoot.IsoName + ".iso.sha256"], IsoTools.Leftovers(output).Order(StringComparer.Ordinal));
            var checksum = await File.ReadAllTextAsync(iso + ".sha256", TestContext.Current.CancellationToken);
            Assert.Matches($"^[0-9a-f]{{64}} {FakeKairosRoot.IsoName}\\.iso\n$", checksum);
            var check = Programs.Run("sh", "-c", $"cd '{output}' && sha256sum -c '{FakeKairosRoot.IsoName}.iso.sha256'");
            Assert.Contains(": OK", check);

            // the volume and the tree
            Assert.Contains("Volume Id    : COS_LIVE", Programs.Run("xorriso", "-indev", iso, "-pvd_info"));
            var tree = string.Join('\n', IsoTools.List(iso));
            foreach (var path in new[] { "/boot/kernel", "/boot/initrd", "/rootfs.squashfs", "/boot/uefi.img", "/boot/eltorito.img", "/boot/boot_hybrid.img", "/boot/grub2/grub.cfg", "/boot/grub/grub.cfg", "/EFI/BOOT/grub.cfg", "/config.yaml" })
            {
                Assert.Contains($"'{path}'", tree);
            }

            Assert.Equal("not a kernel\n", await File.ReadAllTextAsync(IsoTools.Extract(iso, "/boot/kernel", scratch), TestContext.Current.CancellationToken));
            Assert.Contains("hostname: from-the-iso", await File.ReadAllTextAsync(IsoTools.Extract(iso, "/config.yaml", scratch), TestContext.Current.CancellationToken));

            // boot records: El Torito BIOS and UEFI entries, GPT with the EFI image as partition 2
            var records = Programs.Run("xorriso", "-indev", iso, "-report_el_torito", "plain", "-report_system_area", "plain");
            Assert.Matches(@"El Torito boot img :\s+1\s+BIOS\s+y\s+none", records);
            Assert.Matches(@"El Torito boot img :\s+2\s+UEFI\s+y\s+none", records);
            Assert.Contains("GPT partname local :   2", records);
            Assert.Matches(@"GPT type GUID      :\s+2\s+28732ac11ff8d211ba4b00a0c93ec93b", records);

            // the EFI image: FAT labelled EFI_LIVE, the fallback grub as the boot file (this root has none), the chain config
            var efi = IsoTools.Extract(iso, "/boot/uefi.img", scratch);
            Assert.Contains("EFI_LIVE", Programs.Run("minfo", "-i", efi, "::"));
            var efiFiles = Programs.Run("mdir", "-/", "-b", "-i", efi, "::");
            Assert.Contains("::/EFI/BOOT/bootx64.efi", efiFiles, StringComparison.OrdinalIgnoreCase);
            Assert.Contains("::/boot/grub/grub.cfg", efiFiles, StringComparison.OrdinalIgnoreCase);
            Assert.Equal(0, new FileInfo(efi).Length % (4 * 1024 * 1024));

            // GRUB files: valid GRUB script; the live arguments; the extra arguments on one line
            var menu = IsoTools.Extract(iso, "/boot/grub2/grub.cfg", scratch);
            Programs.Run("grub-script-check", menu);
            Programs.Run("grub-script-check", IsoTools.Extract(iso, "/EFI/BOOT/grub.cfg", scratch));
            var menuText = await File.ReadAllTextAsync(menu, TestContext.Current.CancellationToken);
            Assert.Contains("root=live:CDLABEL=COS_LIVE rd.live.dir=/ rd.live.squashimg=rootfs.squashfs", menuText);
            Assert.Contains("console=ttyS0 console=tty1 rd.cos.disable vga=795 nomodeset selinux=0 rd.live.overlay.overlayfs e2e.extra=1 second=2 install-mode", menuText);
            // six entries, two in the boot-to-RAM submenu, the EFI text-mode one
            Assert.Equal(9, menuText.Split('\n').Count(l => l.TrimStart().StartsWith("menuentry ", StringComparison.Ordinal)));

            // the squashfs: the root's files, skeleton directories, nothing from /proc
            var squashfs = Programs.Run("unsquashfs", "-lls", IsoTools.Extract(iso, "/rootfs.squashfs", scratch));
            Assert.Contains("squashfs-root/etc/kairos-release", squashfs);
            Assert.Matches(@"dr-xr-xr-x root/root\s+\d+ [-0-9]+ [:0-9]+ squashfs-root/proc\n", squashfs);
            Assert.Matches(@"drwxrwxrwt root/root\s+\d+ [-0-9]+ [:0-9]+ squashfs-root/tmp\n", squashfs);
            Assert.Contains("squashfs-root/oem", squashfs);
            Assert.Contains("squashfs-root/usr/local", squashfs);
            Assert.DoesNotContain("squashfs-root/proc/1", squashfs);
        }
        finally
        {
            Directory.Delete(output, recursive: true);
            Directory.Delete(scratch, recursive: true);
        }
    }

    [Fact]
    public async Task AuroraBoots_naming_and_overlay_flags_as_written_name_the_iso_and_add_the_overlays_to_the_iso_and_the_live_root()
    {
        if (IsoTools.Unavailable() is { } why)
        {
            Assert.Skip(why);
        }

        // arrange: an overlay for the live root and one for the ISO's own tree
        using var root = new FakeKairosRoot();
        var output = Directory.CreateTempSubdirectory("ks-iso-out-").FullName;
        var scratch = Directory.CreateTempSubdirectory("ks-iso-read-").FullName;
        var overlayRootfs = Directory.CreateDirectory(Path.Combine(scratch, "overlay-rootfs", "etc", "overlaid")).Parent!.Parent!.FullName;
        await File.WriteAllTextAsync(Path.Combine(overlayRootfs, "etc", "overlaid", "from-rootfs-overlay"), "rootfs overlay\n", TestContext.Current.CancellationToken);
        var overlayIso = Directory.CreateDirectory(Path.Combine(scratch, "overlay-iso")).FullName;
        await File.WriteAllTextAsync(Path.Combine(overlayIso, "extra.txt"), "iso overlay\n", TestContext.Current.CancellationToken);
        try
        {
            // act: -n and --date as the documents spell them, then the date without -n
            var named = await IsoTools.BuildIsoAsync($"dir:{root.Path}", "--output", output, "-n", "my-kairos", "--overlay-rootfs", overlayRootfs, "--overlay-iso", overlayIso);
            var dated = await IsoTools.BuildIsoAsync($"dir:{root.Path}", "--output", output, "--date");

            // assert: the names
            Assert.True(named.Code == 0, named.Error);
            Assert.True(dated.Code == 0, dated.Error);
            var iso = Path.Combine(output, "my-kairos.iso");
            Assert.Equal(iso, named.Output.Trim());
            Assert.Matches($@"/{FakeKairosRoot.IsoName}\.20\d{{6}}\.iso$", dated.Output.Trim());
            Assert.Equal(DateTime.UtcNow.ToString("yyyyMMdd", System.Globalization.CultureInfo.InvariantCulture), Path.GetFileNameWithoutExtension(dated.Output.Trim())[^8..]);

            // the ISO overlay in the ISO's tree; the rootfs overlay in the live root's squashfs, beside the image's own files
            Assert.Equal("iso overlay\n", await File.ReadAllTextAsync(IsoTools.Extract(iso, "/extra.txt", scratch), TestContext.Current.CancellationToken));
            var squashfs = Programs.Run("unsquashfs", "-lls", IsoTools.Extract(iso, "/rootfs.squashfs", scratch));
            Assert.Contains("squashfs-root/etc/overlaid/from-rootfs-overlay", squashfs);
            Assert.Contains("squashfs-root/etc/kairos-release", squashfs);

            // the dated ISO has no overlay
            Assert.DoesNotContain("'/extra.txt'", string.Join('\n', IsoTools.List(dated.Output.Trim())));
        }
        finally
        {
            Directory.Delete(output, recursive: true);
            Directory.Delete(scratch, recursive: true);
        }
    }
}
