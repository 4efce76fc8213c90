using Kairos.Stages.Target.Platform;

namespace Kairos.Stages.Image.Checks;

/// <summary>
/// [INITRD] (not for Trusted Boot): the initrd's file list, read inside the root, names immucore and kairos-agent; a
/// missing <c>xhci_pci_renesas</c> driver is a warning when the kernel has that driver; without lsinitrd (Alpine) a
/// warning. An xz, zstd or gzip initrd (one compressed cpio archive, as dracut writes it) is listed in one pass,
/// <c>xz|zstd|gzip -dc | cpio -t</c> (<see cref="ListScript"/>); any other (an early-cpio prefix, another compressor, or
/// the decompressor missing) by <c>lsinitrd</c>, which decompresses the whole image once per section it prints (five
/// times: most of validate's time on a Debian 12 xz initrd).
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

        var result = await context.Target.RunAsync(new CommandRequest(ListScript(Initrd)), cancellationToken);
        if (!result.Succeeded)
        {
            var couldNotRun = result.ExitCode is 125 or 126 or 127 || result.Output.Contains("chroot:", StringComparison.Ordinal);
            return couldNotRun
                ? [CheckFinding.Warn(Tag, $"could not run lsinitrd inside the root (exit {result.ExitCode}): {result.Tail(3)}", "run validate as root (chroot needs it) or inside the image")]
                : [CheckFinding.Fail(Tag, $"listing {Initrd} failed (exit {result.ExitCode}): {result.Tail(3)}", Rebuild)];
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
    /// The shell script that lists <paramref name="initrd"/>'s files: by its first six bytes, one decompression into
    /// <c>cpio -t</c> (a failed decompression leaves cpio a truncated archive, which it reports with a non-zero exit),
    /// else <c>lsinitrd</c>.
    /// </summary>
    internal static string ListScript(string initrd) =>
        $"f='{initrd}'; case \"$(od -An -tx1 -N6 \"$f\" | tr -d ' \\n')\" in "
        + "fd377a585a00) c='xz -dc --single-stream' ;; 28b52ffd*) c='zstd -dc' ;; 1f8b*) c='gzip -dc' ;; *) c='' ;; esac; "
        + "if [ -n \"$c\" ] && command -v \"${c%% *}\" >/dev/null && command -v cpio >/dev/null; then $c -- \"$f\" | cpio -t --quiet; "
        + "else lsinitrd \"$f\"; fi";

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
