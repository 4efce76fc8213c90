using System.Diagnostics;
using System.Text;

namespace Kairos.TestSupport;

/// <summary>
/// Boots an ISO in QEMU from its CD drive as a user would (no -kernel), with SeaBIOS or OVMF,
/// the first serial port captured. KVM when a probe shows it boots a guest here, TCG otherwise.
/// The guest is expected to power itself off; on timeout QEMU is killed and the test fails.
/// </summary>
public static class QemuLiveBoot
{
    public const string OvmfCode = "/usr/share/OVMF/OVMF_CODE_4M.fd";
    public const string OvmfVars = "/usr/share/OVMF/OVMF_VARS_4M.fd";
    public const string AavmfCode = "/usr/share/AAVMF/AAVMF_CODE.fd";
    public const string AavmfVars = "/usr/share/AAVMF/AAVMF_VARS.fd";

    private static readonly Lock ProbeLock = new();
    private static bool? kvmWorks;

    public static string? Unavailable() =>
        !File.Exists("/usr/bin/qemu-system-x86_64") ? "needs qemu-system-x86 (build/install-deps.sh installs it)"
        : !File.Exists(OvmfCode) ? "needs ovmf (build/install-deps.sh installs it)"
        : null;

    /// <summary>Why an arm64 guest cannot boot here (qemu-system-aarch64 and AAVMF), or null.</summary>
    public static string? Arm64Unavailable() =>
        !File.Exists("/usr/bin/qemu-system-aarch64") ? "needs qemu-system-arm (build/install-deps.sh installs it)"
        : !File.Exists(AavmfCode) ? "needs qemu-efi-aarch64, the AAVMF firmware (build/install-deps.sh installs it)"
        : null;

    /// <summary>
    /// How long a boot may take before the VM counts as hung and is killed: <paramref name="minutes"/> (or
    /// KAIROS_STAGES_BOOT_DEADLINE_MINUTES), times <paramref name="factor"/> (arm64 guests, emulated whole). A hang
    /// detector, never a speed check: CI's machine is shared with the emulated arm64 builds, under which a disk boot that
    /// takes 160 s on an idle machine went past 6 minutes in CI, powering off.
    /// </summary>
    public static TimeSpan Deadline(int minutes, int factor = 1) =>
        TimeSpan.FromMinutes(factor * (int.TryParse(Environment.GetEnvironmentVariable("KAIROS_STAGES_BOOT_DEADLINE_MINUTES"), out var set) && set > 0 ? set : minutes));

    /// <summary>The accelerator the boots got ("kvm" or "tcg"), once a boot has probed it.</summary>
    public static string AcceleratorName => kvmWorks == true ? "kvm" : "tcg";

    private static string[] Accelerator(bool kvm) => kvm ? ["-accel", "kvm", "-smp", "2", "-m", "2048"] : ["-accel", "tcg,thread=multi", "-smp", "2", "-m", "2048"];

    /// <summary>Boots <paramref name="iso"/>; returns the serial log, whether QEMU exited by itself (guest power-off) and the wall time.</summary>
    public static Task<(string Serial, bool PoweredOff, TimeSpan Elapsed)> BootAsync(string iso, bool uefi, TimeSpan deadline, string scratch) =>
        BootAsync(["-drive", $"file={iso},media=cdrom,readonly=on,if=ide", "-boot", "d"], uefi, deadline, scratch);

    /// <summary>Boots from a raw disk image as a cloud VM would (virtio disk, the firmware's own boot order); the guest writes to <paramref name="disk"/>.</summary>
    public static Task<(string Serial, bool PoweredOff, TimeSpan Elapsed)> BootDiskAsync(string disk, bool uefi, TimeSpan deadline, string scratch, string format = "raw") =>
        BootAsync(["-drive", $"file={disk},format={format},if=virtio"], uefi, deadline, scratch);

    /// <summary>
    /// Boots with <paramref name="media"/> (drive and boot order arguments) under SeaBIOS or OVMF, user networking
    /// (<paramref name="nic"/> replaces the default isolated virtio NIC).
    /// </summary>
    public static async Task<(string Serial, bool PoweredOff, TimeSpan Elapsed)> BootAsync(IReadOnlyList<string> media, bool uefi, TimeSpan deadline, string scratch, string nic = "user,model=virtio-net-pci,restrict=on")
    {
        var firmware = new List<string>();
        if (uefi)
        {
            var vars = Path.Combine(scratch, "OVMF_VARS_4M.fd");
            File.Copy(OvmfVars, vars, overwrite: true);
            firmware.AddRange(["-machine", "q35", "-drive", $"if=pflash,format=raw,unit=0,readonly=on,file={OvmfCode}", "-drive", $"if=pflash,format=raw,unit=1,file={vars}"]);
        }

        var args = new List<string>(Accelerator(KvmBootsLinux([.. firmware, .. media]))) { "-display", "none", "-monitor", "none", "-serial", "stdio", "-no-reboot", "-nic", nic };
        args.AddRange(firmware);
        args.AddRange(media);
        return await RunAsync(args, deadline);
    }

    /// <summary>
    /// Boots an arm64 ISO as an arm64 server boots it: QEMU's <c>virt</c> machine, a Cortex-A57, AAVMF (UEFI), the ISO on a
    /// virtio-scsi CD drive, the PL011 serial port captured. Always TCG (no arm64 KVM on this amd64 machine).
    /// </summary>
    public static async Task<(string Serial, bool PoweredOff, TimeSpan Elapsed)> BootArm64Async(string iso, TimeSpan deadline, string scratch)
    {
        var vars = Path.Combine(scratch, "AAVMF_VARS.fd");
        File.Copy(AavmfVars, vars, overwrite: true);
        return await RunAsync(
            "/usr/bin/qemu-system-aarch64",
            ["-machine", "virt", "-cpu", "cortex-a57", "-accel", "tcg,thread=multi", "-smp", "2", "-m", "2048",
             "-display", "none", "-monitor", "none", "-serial", "stdio", "-no-reboot", "-nic", "user,model=virtio-net-pci,restrict=on",
             "-drive", $"if=pflash,format=raw,unit=0,readonly=on,file={AavmfCode}", "-drive", $"if=pflash,format=raw,unit=1,file={vars}",
             "-device", "virtio-scsi-pci,id=scsi", "-drive", $"if=none,id=cd,file={iso},media=cdrom,readonly=on", "-device", "scsi-cd,drive=cd,bus=scsi.0"],
            deadline);
    }

    /// <summary>The machine-wide VM lock (one VM at a time on a shared machine); <c>flock(1)</c> on the same file takes the same lock.</summary>
    public const string VmLock = "/tmp/kairos-vm.lock";

    private static Task<(string Serial, bool PoweredOff, TimeSpan Elapsed)> RunAsync(IEnumerable<string> args, TimeSpan deadline) =>
        RunAsync("/usr/bin/qemu-system-x86_64", args, deadline);

    private static async Task<(string Serial, bool PoweredOff, TimeSpan Elapsed)> RunAsync(string qemu, IEnumerable<string> args, TimeSpan deadline)
    {
        using var vmLock = await VmTurnAsync();
        var start = new ProcessStartInfo(qemu) { RedirectStandardOutput = true, RedirectStandardError = true, RedirectStandardInput = true };
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        var serial = new StringBuilder();
        var clock = Stopwatch.StartNew();
        using var process = Process.Start(start)!;
        process.OutputDataReceived += (_, e) => { lock (serial) { serial.Append(e.Data).Append('\n'); } };
        process.ErrorDataReceived += (_, e) => { lock (serial) { serial.Append("[qemu] ").Append(e.Data).Append('\n'); } };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        using var timeout = new CancellationTokenSource(deadline);
        var poweredOff = true;
        try
        {
            await process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            poweredOff = false;
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync();
        }

        process.WaitForExit();
        lock (serial)
        {
            return (serial.ToString(), poweredOff && process.ExitCode == 0, clock.Elapsed);
        }
    }

    /// <summary>
    /// With KAIROS_STAGES_VM_LOCK=1 (.ci/run, whose two lanes run at once), the machine's VM lock (<see cref="VmLock"/>),
    /// waited for by each VM itself so the images build meanwhile and one VM boots at a time; null otherwise. Off by
    /// default: under an outer 'flock /tmp/kairos-vm.lock dotnet test' this second lock (another open file description)
    /// would wait forever. Held until disposed.
    /// </summary>
    public static async Task<FileStream?> VmTurnAsync()
    {
        if (Environment.GetEnvironmentVariable("KAIROS_STAGES_VM_LOCK") != "1")
        {
            return null;
        }

        while (true)
        {
            try
            {
                return new FileStream(VmLock, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None);
            }
            catch (IOException)
            {
                await Task.Delay(TimeSpan.FromSeconds(1));
            }
        }
    }

    /// <summary>
    /// /dev/kvm may be a nested KVM that cannot run a guest. Measured on the CI machine: SeaBIOS under KVM
    /// prints its "Booting from" line and then hangs, so a firmware-only probe passed and both boots hung
    /// for their whole deadline. KVM counts only when a 60-second boot of the first medium tested reaches the
    /// Linux kernel (its "Command line:" line on the serial console); TCG otherwise.
    /// </summary>
    private static bool KvmBootsLinux(IReadOnlyList<string> media)
    {
        lock (ProbeLock)
        {
            if (kvmWorks is { } known)
            {
                return known;
            }

            if (!File.Exists("/dev/kvm") || Environment.GetEnvironmentVariable("KAIROS_STAGES_QEMU_ACCEL") == "tcg")
            {
                kvmWorks = false;
                return false;
            }

            var (serial, _, _) = RunAsync([.. Accelerator(true), "-display", "none", "-monitor", "none", "-serial", "stdio", "-no-reboot", "-nic", "none", .. media, "-snapshot"], TimeSpan.FromSeconds(60))
                .GetAwaiter().GetResult();
            kvmWorks = serial.Contains("Command line:", StringComparison.Ordinal);
            return kvmWorks.Value;
        }
    }
}
