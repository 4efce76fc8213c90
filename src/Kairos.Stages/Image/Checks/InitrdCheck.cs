using Kairos.Stages.Target.Platform;

namespace Kairos.Stages.Image.Checks;

/// <summary>
/// [INITRD] (not for Trusted Boot): <c>lsinitrd /boot/initrd</c>, run inside the root, lists immucore and
/// kairos-agent; a missing <c>xhci_pci_renesas</c> driver is a warning when the kernel has that driver; without lsinitrd (Alpine) a warning.
/// </summary>
public sealed class InitrdCheck : IImageCheck
{
    private const string Initrd = "/boot/initrd";
    private const string Rebuild = "rebuild it: run the initramfsConfigs and initrd steps (kairos-stages run --stage init)";

    private static readonly string[] RequiredContents = ["immucore", "kairos-agent"];

    public string Tag => "INITRD";

    public string Title => "initrd contents";

    public async Task<IReadOnlyList<CheckFinding>> RunAsync(CheckContext context, CancellationToken cancellationToken)
    {
        if (context.TrustedBoot)
        {
            return [CheckFinding.Pass(Tag, "not applicable: Trusted Boot images carry the initrd in the UKI")];
        }

        if (BinaryLocator.Find(context, "lsinitrd").Kind != BinaryLookupKind.Executable)
        {
            return [CheckFinding.Warn(Tag, "lsinitrd is not installed in the root, so the initrd contents were not checked", "install dracut's lsinitrd to have them checked (Alpine's mkinitfs has no equivalent)")];
        }

        if (RootEntry.Target(context.Files, Initrd) is null)
        {
            return [CheckFinding.Warn(Tag, $"{Initrd} is missing, so its contents were not checked (see [FILES])", Rebuild)];
        }

        var result = await context.Target.RunAsync(new CommandRequest($"lsinitrd {Initrd}"), cancellationToken);
        if (!result.Succeeded)
        {
            var couldNotRun = result.ExitCode is 125 or 126 or 127 || result.Output.Contains("chroot:", StringComparison.Ordinal);
            return couldNotRun
                ? [CheckFinding.Warn(Tag, $"could not run lsinitrd inside the root (exit {result.ExitCode}): {result.Tail(3)}", "run validate as root (chroot needs it) or inside the image")]
                : [CheckFinding.Fail(Tag, $"lsinitrd {Initrd} failed (exit {result.ExitCode}): {result.Tail(3)}", Rebuild)];
        }

        var findings = new List<CheckFinding>();
        foreach (var required in RequiredContents.Where(r => !result.Output.Contains(r, StringComparison.Ordinal)))
        {
            findings.Add(CheckFinding.Fail(Tag, $"{Initrd} does not contain {required}", Rebuild));
        }

        if (!result.Output.Contains("xhci_pci_renesas", StringComparison.Ordinal) && !result.Output.Contains("xhci-pci-renesas", StringComparison.Ordinal)
            && await KernelHasRenesasDriverAsync(context, cancellationToken))
        {
            findings.Add(CheckFinding.Warn(Tag, $"{Initrd} does not contain the xhci_pci_renesas driver (BMC virtual media on some servers needs it)", "add it with the initramfsConfigs step's kairos-xhci-renesas.conf dracut drop-in, then rebuild the initrd"));
        }

        if (findings.Count == 0)
        {
            findings.Add(CheckFinding.Pass(Tag, $"{Initrd} contains immucore, kairos-agent and xhci_pci_renesas"));
        }

        return findings;
    }

    /// <summary>
    /// Whether the root's kernel ships xhci_pci_renesas as a module (modules.dep) or built in
    /// (modules.builtin): dracut cannot add a driver the kernel does not have (Debian 12's kernel
    /// builds the Renesas firmware loader into xhci_pci), so its absence is only worth a warning when it exists.
    /// </summary>
    private static async Task<bool> KernelHasRenesasDriverAsync(CheckContext context, CancellationToken cancellationToken)
    {
        var probe = await context.Target.RunAsync(
            new CommandRequest("grep -qsE 'xhci[-_]pci[-_]renesas' /lib/modules/*/modules.dep /lib/modules/*/modules.builtin"), cancellationToken);
        return probe.Succeeded;
    }
}
