using System.Diagnostics;
using System.Text;

namespace Kairos.Stages.Tests.EndToEnd;

/// <summary>
/// Boots a UEFI-only ISO under Secure Boot as the CI does: QEMU q35 with SMM,
/// OVMF_CODE_4M.secboot.fd (secure flash), a variables file the caller keeps between boots (a
/// fresh copy of the empty OVMF_VARS_4M.fd is setup mode), and a TPM 2.0 from swtpm whose state
/// directory the caller keeps too. -no-reboot: a guest reset (systemd-boot after enrolling keys)
/// ends the boot. swtpm and QEMU are killed on timeout, failure or once <c>stopWhen</c> shows up.
/// </summary>
internal static class QemuSecureBoot
{
    public const string OvmfCode = "/usr/share/OVMF/OVMF_CODE_4M.secboot.fd";
    public const string OvmfVars = "/usr/share/OVMF/OVMF_VARS_4M.fd";

    public static string? Unavailable() =>
        !File.Exists("/usr/bin/qemu-system-x86_64") ? "needs qemu-system-x86 (build/install-deps.sh installs it)"
        : !File.Exists(OvmfCode) ? "needs ovmf (build/install-deps.sh installs it)"
        : !File.Exists("/usr/bin/swtpm") ? "needs swtpm (build/install-deps.sh installs it)"
        : null;

    /// <summary>A machine's persistent parts: the firmware variables (setup mode until keys are enrolled) and the TPM's state.</summary>
    public sealed record Machine(string Vars, string TpmState)
    {
        public static Machine Fresh(string directory)
        {
            Directory.CreateDirectory(directory);
            var vars = Path.Combine(directory, "OVMF_VARS_4M.fd");
            File.Copy(OvmfVars, vars, overwrite: true);
            var tpm = Path.Combine(directory, "tpm");
            if (Directory.Exists(tpm))
            {
                Directory.Delete(tpm, recursive: true);
            }

            Directory.CreateDirectory(tpm);
            return new Machine(vars, tpm);
        }

        /// <summary>A copy in another directory (the enrolled firmware for a negative boot).</summary>
        public Machine CopyTo(string directory)
        {
            Directory.CreateDirectory(Path.Combine(directory, "tpm"));
            var vars = Path.Combine(directory, "OVMF_VARS_4M.fd");
            File.Copy(Vars, vars, overwrite: true);
            foreach (var file in Directory.GetFiles(TpmState))
            {
                File.Copy(file, Path.Combine(directory, "tpm", Path.GetFileName(file)), overwrite: true);
            }

            return new Machine(vars, Path.Combine(directory, "tpm"));
        }
    }

    /// <summary>Boots <paramref name="iso"/> on <paramref name="machine"/>; returns the serial log, whether QEMU exited by itself (power-off or reset) and the wall time.</summary>
    public static async Task<(string Serial, bool Exited, TimeSpan Elapsed)> BootAsync(string iso, Machine machine, TimeSpan deadline, string? stopWhen = null)
    {
        using var vmLock = await QemuLiveBoot.VmTurnAsync();
        var socket = Path.Combine(Path.GetDirectoryName(machine.Vars)!, "swtpm.sock");
        File.Delete(socket);
        using var swtpm = Start("/usr/bin/swtpm", ["socket", "--tpm2", "--tpmstate", $"dir={machine.TpmState}", "--ctrl", $"type=unixio,path={socket}"], null);
        try
        {
            for (var i = 0; i < 100 && !File.Exists(socket); i++)
            {
                await Task.Delay(100);
            }

            var serial = new StringBuilder();
            var clock = Stopwatch.StartNew();
            using var stop = new CancellationTokenSource(deadline);
            using var qemu = Start(
                "/usr/bin/qemu-system-x86_64",
                [
                    "-accel", "tcg,thread=multi", "-smp", "2", "-m", "4096",
                    "-machine", "q35,smm=on", "-global", "driver=cfi.pflash01,property=secure,value=on",
                    "-drive", $"if=pflash,format=raw,unit=0,readonly=on,file={OvmfCode}", "-drive", $"if=pflash,format=raw,unit=1,file={machine.Vars}",
                    "-chardev", $"socket,id=chrtpm,path={socket}", "-tpmdev", "emulator,id=tpm0,chardev=chrtpm", "-device", "tpm-tis,tpmdev=tpm0",
                    "-drive", $"file={iso},media=cdrom,readonly=on", "-display", "none", "-monitor", "none", "-serial", "stdio", "-no-reboot", "-nic", "none",
                ],
                null);

            // the console as it comes, not by lines: firmware and boot menu messages often end without a newline
            var reader = Task.Run(async () =>
            {
                var buffer = new char[4096];
                int read;
                while ((read = await qemu.StandardOutput.ReadAsync(buffer)) > 0)
                {
                    lock (serial)
                    {
                        serial.Append(buffer, 0, read);
                        if (stopWhen is not null && serial.ToString(Math.Max(0, serial.Length - read - stopWhen.Length), Math.Min(serial.Length, read + stopWhen.Length)).Contains(stopWhen, StringComparison.Ordinal))
                        {
                            stop.Cancel();
                        }
                    }
                }
            });
            var exited = true;
            try
            {
                await qemu.WaitForExitAsync(stop.Token);
            }
            catch (OperationCanceledException)
            {
                exited = false;
                qemu.Kill(entireProcessTree: true);
                await qemu.WaitForExitAsync();
            }

            await reader;
            lock (serial)
            {
                return (serial.ToString(), exited && qemu.ExitCode == 0, clock.Elapsed);
            }
        }
        finally
        {
            if (!swtpm.HasExited)
            {
                swtpm.Kill();
            }

            await swtpm.WaitForExitAsync();
        }
    }

    private static Process Start(string program, IEnumerable<string> args, Action<string>? onLine)
    {
        var start = new ProcessStartInfo(program) { RedirectStandardOutput = true, RedirectStandardError = true, RedirectStandardInput = true };
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        var process = Process.Start(start)!;
        if (onLine is not null)
        {
            process.OutputDataReceived += (_, e) =>
            {
                if (e.Data is not null)
                {
                    onLine(e.Data);
                }
            };
            process.BeginOutputReadLine();
        }

        // stderr (QEMU's warnings, swtpm's) is drained and dropped so the process never blocks on it
        process.ErrorDataReceived += (_, _) => { };
        process.BeginErrorReadLine();
        return process;
    }
}
