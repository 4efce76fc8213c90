using System.Text.RegularExpressions;
using Kairos.Stages.Tests.Support;

namespace Kairos.Stages.Tests.EndToEnd;

/// <summary>
/// build → ISO → boot → assert: the Debian 12 image's ISOs (one from dir:, one from ocifile:)
/// booted in QEMU from the CD drive through the ISO's own GRUB (default entry), once with SeaBIOS
/// and once with OVMF; the serial console shows each stage of a live boot, then the guest powers
/// itself off.
/// </summary>
[Collection("EndToEnd")]
[Slow(SlowKind.Boot)]
public sealed class LiveIsoBootTests(LiveIsoImage image)
{
    // About 2 minutes a boot under TCG on an idle 2-core machine; the deadline only catches a hung VM.
    private static readonly TimeSpan Deadline = QemuLiveBoot.Deadline(10);

    [Fact]
    public async Task Iso_from_a_dir_root_boots_to_multi_user_with_SeaBIOS() =>
        await BootsAsync(image.DirIsoAsync, uefi: false, "bios-dir");

    [Fact]
    public async Task Iso_from_an_OCI_archive_boots_to_multi_user_with_OVMF() =>
        await BootsAsync(image.OciIsoAsync, uefi: true, "uefi-ocifile");

    private async Task BootsAsync(Func<Task<string>> makeIso, bool uefi, string name)
    {
        if (LiveIsoImage.Unavailable() is { } why)
        {
            Assert.Skip(why);
        }

        // act
        var iso = await makeIso();
        var (raw, poweredOff, elapsed) = await QemuLiveBoot.BootAsync(iso, uefi, Deadline, image.Scratch);

        // systemd colours unit names and GRUB positions its menu with escape sequences: match on the text alone
        var serial = Regex.Replace(raw, @"\x1b\[[0-9;?]*[A-Za-z]", "");
        var log = await BootLogs.SaveAsync(name, raw, TestContext.Current.CancellationToken);
        TestContext.Current.TestOutputHelper?.WriteLine($"{name}: {QemuLiveBoot.AcceleratorName}, {elapsed.TotalSeconds:0}s; {image.Timings}; serial log {log}");
        string Context() => $"\n--- serial ({name}, {elapsed.TotalSeconds:0}s, {QemuLiveBoot.AcceleratorName}), last lines ---\n{string.Join('\n', serial.Split('\n').TakeLast(60))}";

        var releaseLines = LiveReport.AssertBooted(serial, Context);
        var built = await File.ReadAllTextAsync(Path.Combine(await image.RootAsync(), "etc/kairos-release"), TestContext.Current.CancellationToken);
        Assert.Equal(LiveReport.ReleaseLines(built), releaseLines);
        Assert.NotEmpty(LiveReport.ReleaseLines(built));
        Assert.True(poweredOff, "the guest powers itself off before the deadline" + Context());
        Figures.Report($"live-boot-{name}", 1, 1, elapsed, $"{QemuLiveBoot.AcceleratorName}; {image.Timings}");
    }
}
