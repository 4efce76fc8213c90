using System.Reflection.PortableExecutable;
using System.Text.RegularExpressions;
using Kairos.Stages.Tests.Support;

namespace Kairos.Stages.Tests.EndToEnd;

/// <summary>
/// genkey → build-uki --output-type iso → Secure Boot boot: OVMF with Secure Boot firmware and empty variables
/// (setup mode) and an swtpm TPM 2.0. First boot: systemd-boot enrolls PK/KEK/db from the ISO and resets. Second
/// boot: the firmware verifies systemd-boot and the UKI; in the guest Secure Boot is on, /proc/cmdline is the
/// UKI's, kairos-release is the built one and PCR 11 is what build-uki predicted. Then the same ISO with the UKI
/// signed by another key, and with one byte of its .cmdline changed, is refused by the enrolled firmware.
/// </summary>
[Collection("EndToEnd")]
[Slow(SlowKind.Boot)]
public sealed class TrustedBootBootTests(TrustedBootUkiImage image) : IClassFixture<TrustedBootUkiImage>
{
    // systemd-boot's line when the firmware's LoadImage refuses the UKI (OVMF answers Access Denied for a signature db does not
    // allow); systemd-boot then exits and the firmware reports it failed, which ends the boot
    private const string Refused = "BdsDxe: failed to start";
    private const string RefusedPattern = @"Error loading \\EFI\\kairos\\norole\.efi: (Access Denied|Security Violation|Security Policy Violation)";

    private static readonly TimeSpan Deadline = QemuLiveBoot.Deadline(12);

    private static readonly SemaphoreSlim EnrollGate = new(1, 1);
    private static QemuSecureBoot.Machine? enrolled;

    [Fact]
    public async Task Uki_iso_enrolls_its_keys_then_boots_under_Secure_Boot_with_the_predicted_PCR_11()
    {
        var machine = await EnrolledAsync();

        // act: the second boot, keys enrolled, Secure Boot on
        var (raw, exited, elapsed) = await QemuSecureBoot.BootAsync(image.Iso!, machine.CopyTo(Path.Combine(image.Scratch, "boot-verified")), Deadline);

        var serial = await SaveAsync("uki-secureboot", raw, elapsed);
        string Context() => Tail(serial, "uki-secureboot", elapsed);
        Assert.Equal("1", TrustedBootReport.Line(serial, "KS-UKI-SECUREBOOT"));
        var cmdline = TrustedBootReport.Line(serial, "KS-UKI-CMDLINE");
        var layout = Kairos.Stages.Media.Uki.UkiLayout.Load(new Kairos.Stages.FrontEnd.Sources.EmbeddedStageSource());
        Assert.True(cmdline == layout.Cmdline + " " + TrustedBootReport.SerialConsole, $"/proc/cmdline '{cmdline}'" + Context());
        var built = await File.ReadAllTextAsync(Path.Combine(image.Root, "etc/kairos-release"), TestContext.Current.CancellationToken);
        Assert.Contains("KAIROS_TRUSTED_BOOT=\"true\"", built);
        Assert.Equal(LiveReport.ReleaseLines(built), TrustedBootReport.Release(serial));

        // PCR 11: the stub's sections, then the phases the guest went through (immucore's two, systemd's when its pcrphase units ran)
        var phases = new List<string> { "enter-initrd", "leave-initrd" };
        foreach (var (unit, phase) in new[] { ("systemd-pcrphase-sysinit", "sysinit"), ("systemd-pcrphase", "ready") })
        {
            if (TrustedBootReport.Line(serial, $"KS-UKI-PHASE {unit}") == "active")
            {
                phases.Add(phase);
            }
        }

        var measured = TrustedBootReport.Line(serial, "KS-UKI-PCR11");
        var path = string.Join(':', phases);
        Assert.True(image.PredictedPcr11.TryGetValue(path, out var predicted), $"no prediction for phase {path}: {string.Join(", ", image.PredictedPcr11.Keys)}");
        TestContext.Current.TestOutputHelper?.WriteLine($"PCR 11 after {path}: predicted {predicted}, measured {measured}");
        Assert.True(string.Equals(predicted, measured, StringComparison.OrdinalIgnoreCase), $"PCR 11 after {path}: predicted {predicted}, measured {measured}" + Context());
        Assert.True(exited, "the guest powers itself off" + Context());
        Figures.Report("uki-secureboot-boot", 1, 1, elapsed, $"tcg; {image.Timings}");
    }

    [Fact]
    public async Task Uki_signed_with_another_key_is_refused_by_the_firmware()
    {
        var machine = await EnrolledAsync();
        var iso = await IsoWithUkiAsync("other-key", uki =>
        {
            Programs.Run("sbattach", "--remove", uki);
            Programs.Run("sbsign", "--key", Path.Combine(image.OtherKeys, "db.key"), "--cert", Path.Combine(image.OtherKeys, "db.pem"), "--output", uki, uki);
        });

        var (raw, _, elapsed) = await QemuSecureBoot.BootAsync(iso, machine.CopyTo(Path.Combine(image.Scratch, "boot-other-key")), Deadline, stopWhen: Refused);

        var serial = await SaveAsync("uki-other-key", raw, elapsed);
        Assert.True(Regex.IsMatch(serial, RefusedPattern), "the firmware refuses the UKI" + Tail(serial, "uki-other-key", elapsed));
        Assert.DoesNotContain("Run /init", serial);
    }

    [Fact]
    public async Task Uki_with_one_byte_of_its_cmdline_changed_is_refused_by_the_firmware()
    {
        var machine = await EnrolledAsync();
        var iso = await IsoWithUkiAsync("tampered", uki =>
        {
            using var stream = new FileStream(uki, FileMode.Open, FileAccess.ReadWrite);
            long offset;
            using (var pe = new PEReader(stream, PEStreamOptions.LeaveOpen))
            {
                offset = pe.PEHeaders.SectionHeaders.First(s => s.Name == ".cmdline").PointerToRawData;
            }

            // "console=…" → "consolE=…": still a valid command line, no longer the signed one
            stream.Position = offset + 6;
            Assert.Equal((byte)'e', (byte)stream.ReadByte());
            stream.Position = offset + 6;
            stream.WriteByte((byte)'E');
        });

        var (raw, _, elapsed) = await QemuSecureBoot.BootAsync(iso, machine.CopyTo(Path.Combine(image.Scratch, "boot-tampered")), Deadline, stopWhen: Refused);

        var serial = await SaveAsync("uki-tampered-cmdline", raw, elapsed);
        Assert.True(Regex.IsMatch(serial, RefusedPattern), "the firmware refuses the UKI" + Tail(serial, "uki-tampered-cmdline", elapsed));
        Assert.DoesNotContain("consolE=", serial);
    }

    /// <summary>The first boot, once for the class: setup mode, systemd-boot enrolls the ISO's keys (secure-boot-enroll force) and resets.</summary>
    private async Task<QemuSecureBoot.Machine> EnrolledAsync()
    {
        if (TrustedBootUkiImage.Unavailable() is { } why)
        {
            Assert.Skip(why);
        }

        Assert.NotNull(image.Iso);
        await EnrollGate.WaitAsync(TestContext.Current.CancellationToken);
        try
        {
            if (enrolled is not null)
            {
                return enrolled;
            }

            var machine = QemuSecureBoot.Machine.Fresh(Path.Combine(image.Scratch, "machine"));
            var (raw, exited, elapsed) = await QemuSecureBoot.BootAsync(image.Iso, machine, Deadline);
            var serial = await SaveAsync("uki-enroll", raw, elapsed);
            Assert.True(serial.Contains("Enrolling secure boot keys from directory: \\loader\\keys\\auto", StringComparison.Ordinal), "systemd-boot enrolls the keys" + Tail(serial, "uki-enroll", elapsed));
            Assert.True(exited, "systemd-boot resets after enrolling" + Tail(serial, "uki-enroll", elapsed));
            Assert.DoesNotContain("Run /init", serial);
            Figures.Report("uki-enroll-boot", 1, 1, elapsed, "tcg");
            enrolled = machine;
            return machine;
        }
        finally
        {
            EnrollGate.Release();
        }
    }

    /// <summary>The fixture's ISO with norole.efi changed by <paramref name="change"/>: its efiboot.img copied out, the UKI replaced with mtools, the ISO written again with the same boot setup.</summary>
    private async Task<string> IsoWithUkiAsync(string name, Action<string> change)
    {
        var directory = Directory.CreateDirectory(Path.Combine(image.Scratch, name)).FullName;
        var efiboot = Path.Combine(directory, "efiboot.img");
        var uki = Path.Combine(directory, "norole.efi");
        Programs.Run("xorriso", "-osirrox", "on", "-indev", image.Iso!, "-extract", "/efiboot.img", efiboot);
        File.SetUnixFileMode(efiboot, UnixFileMode.UserRead | UnixFileMode.UserWrite);
        Programs.Run("mcopy", "-i", efiboot, "::EFI/kairos/norole.efi", uki);
        change(uki);
        Programs.Run("mcopy", "-o", "-i", efiboot, uki, "::EFI/kairos/norole.efi");
        var iso = Path.Combine(directory, name + ".iso");
        Programs.Run("xorriso", "-indev", image.Iso!, "-outdev", iso, "-boot_image", "any", "replay", "-map", efiboot, "/efiboot.img");
        await Task.CompletedTask;
        return iso;
    }

    private static async Task<string> SaveAsync(string name, string raw, TimeSpan elapsed)
    {
        var log = await BootLogs.SaveAsync(name, raw, TestContext.Current.CancellationToken);
        TestContext.Current.TestOutputHelper?.WriteLine($"{name}: tcg, {elapsed.TotalSeconds:0}s; serial log {log}");
        return Regex.Replace(raw, @"\x1b\[[0-9;?]*[A-Za-z]", "").Replace("\r", "", StringComparison.Ordinal);
    }

    private static string Tail(string serial, string name, TimeSpan elapsed) =>
        $"\n--- serial ({name}, {elapsed.TotalSeconds:0}s), last lines ---\n{string.Join('\n', serial.Split('\n').TakeLast(60))}";
}
