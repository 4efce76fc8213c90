namespace Kairos.Stages.Image.Checks;

/// <summary>
/// [FILES]: <c>/boot/vmlinuz</c> exists and, when a symlink, resolves inside the root (relative targets from
/// /boot, absolute targets under the root, never the host); <c>/boot/initrd</c> exists unless Trusted Boot.
/// </summary>
public sealed class BootFilesCheck : IImageCheck
{
    private const string Kernel = "/boot/vmlinuz";
    private const string Initrd = "/boot/initrd";
    private const string KernelFix = "run the kernel step (kairos-stages run --stage init) or link /boot/vmlinuz to your kernel image (ln -sf vmlinuz-<version> /boot/vmlinuz)";
    private const string InitrdFix = "run the initrd step (kairos-stages run --stage init), which builds it with dracut or mkinitfs";

    public string Tag => "FILES";

    public string Title => "boot files";

    public Task<IReadOnlyList<CheckFinding>> RunAsync(CheckContext context, CancellationToken cancellationToken)
    {
        var findings = new List<CheckFinding>();
        var passes = new List<string>();
        var kernel = RootEntry.Lstat(context.Files, Kernel);
        if (!kernel.Present)
        {
            findings.Add(CheckFinding.Fail(Tag, $"{Kernel} is missing", KernelFix));
        }
        else if (kernel.IsSymlink)
        {
            if (RootEntry.Target(context.Files, Kernel) is { IsDirectory: false } target)
            {
                passes.Add($"{Kernel} -> {kernel.LinkTarget} ({target.Path})");
            }
            else
            {
                findings.Add(CheckFinding.Fail(Tag, $"symlink {Kernel} points to a non-existent file: {kernel.LinkTarget} (resolved inside the root)", KernelFix));
            }
        }
        else
        {
            passes.Add($"{Kernel} present");
        }

        if (context.TrustedBoot)
        {
            passes.Add($"{Initrd} not needed (Trusted Boot: the UKI carries the initrd)");
        }
        else if (RootEntry.Lstat(context.Files, Initrd).Present && RootEntry.Target(context.Files, Initrd) is null)
        {
            findings.Add(CheckFinding.Fail(Tag, $"symlink {Initrd} points to a non-existent file", InitrdFix));
        }
        else if (!RootEntry.Lstat(context.Files, Initrd).Present)
        {
            findings.Add(CheckFinding.Fail(Tag, $"{Initrd} is missing (required unless Trusted Boot)", InitrdFix));
        }
        else
        {
            passes.Add($"{Initrd} present");
        }

        if (findings.Count == 0)
        {
            findings.Add(CheckFinding.Pass(Tag, string.Join("; ", passes)));
        }

        return Task.FromResult<IReadOnlyList<CheckFinding>>(findings);
    }
}
