using System.Text.RegularExpressions;
using Kairos.Stages.Tests.Support;

namespace Kairos.Stages.Tests.EndToEnd;

/// <summary>
/// build → ISO → boot on arm64: the generic arm64 image kairosified under emulation (<see cref="Arm64Image"/>), its ISO
/// from this machine's <c>build-iso --arch arm64</c>, booted from a CD drive on QEMU's <c>virt</c> machine under AAVMF
/// (TCG) through the image's own shim and GRUB; the serial console shows each stage of a live boot, then the guest powers off.
/// </summary>
[Collection("EndToEnd")]
[Slow(SlowKind.Boot)]
public sealed class Arm64IsoBootTests(Arm64Image image)
{
    // Emulated arm64 under TCG is several times slower than the amd64 boots; KAIROS_STAGES_BOOT_DEADLINE_MINUTES raises it.
    private static readonly TimeSpan Deadline = TimeSpan.FromMinutes(
        int.TryParse(Environment.GetEnvironmentVariable("KAIROS_STAGES_BOOT_DEADLINE_MINUTES"), out var minutes) && minutes > 0 ? 2 * minutes : 15);

    [Fact]
    public async Task The_arm64_ISO_boots_to_multi_user_under_AAVMF()
    {
        if ((Arm64Image.Unavailable() ?? QemuLiveBoot.Arm64Unavailable() ?? Media.IsoTools.Unavailable()) is { } why)
        {
            Assert.Skip(why);
        }

        // act
        var iso = await image.IsoAsync();
        var (raw, poweredOff, elapsed) = await QemuLiveBoot.BootArm64Async(iso, Deadline, image.Scratch);

        // assert
        var serial = Regex.Replace(raw, @"\x1b\[[0-9;?]*[A-Za-z]", "");
        var log = await BootLogs.SaveAsync("arm64-uefi-dir", raw, TestContext.Current.CancellationToken);
        string Context() => $"\n--- serial (arm64, {elapsed.TotalSeconds:0}s, tcg) {log}, last lines ---\n{string.Join('\n', serial.Split('\n').TakeLast(60))}";
        var releaseLines = LiveReport.AssertBooted(serial, Context);
        var built = await File.ReadAllTextAsync(Path.Combine((await image.BuildAsync("generic")).Root.Path, "etc/kairos-release"), TestContext.Current.CancellationToken);
        Assert.Equal(LiveReport.ReleaseLines(built), releaseLines);
        Assert.Contains("KAIROS_ARCH=\"arm64\"", releaseLines);
        Assert.True(poweredOff, "the guest powers itself off before the deadline" + Context());
        Figures.Report("live-boot-arm64-uefi", 1, 1, elapsed, "tcg, virt cortex-a57, AAVMF");
    }
}
