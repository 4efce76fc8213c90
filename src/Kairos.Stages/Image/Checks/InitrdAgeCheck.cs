using Kairos.Stages.Image.Kernel;

namespace Kairos.Stages.Image.Checks;

/// <summary>
/// [INITRD-AGE] (warning only, not for Trusted Boot): <c>/boot/initrd</c> is not older than the chosen
/// kernel's modules directory, which depmod touches; an older initrd was built before the modules changed.
/// </summary>
public sealed class InitrdAgeCheck : IImageCheck
{
    private const string Initrd = "/boot/initrd";

    /// <summary>Clock slack, so copies and coarse timestamps never warn.</summary>
    private static readonly TimeSpan Slack = TimeSpan.FromSeconds(2);

    public string Tag => "INITRD-AGE";

    public string Title => "initrd built after the kernel modules";

    public Task<IReadOnlyList<CheckFinding>> RunAsync(CheckContext context, CancellationToken cancellationToken)
    {
        var kernel = KernelChooser.ChooseInRoot(context.Files, context.Model).Choice;
        var initrd = RootEntry.Target(context.Files, Initrd);
        var modules = kernel is null ? null : context.Files.Stat($"{KernelChooser.ModulesDirectory}/{kernel.Version}");
        if (context.TrustedBoot || kernel is null || initrd is null || initrd.IsDirectory || modules is null)
        {
            return Done(CheckFinding.Pass(Tag, "not applicable (Trusted Boot, or no initrd or kernel: see [FILES] and [KERNEL])"));
        }

        var initrdTime = initrd.ModifiedUtc;
        var modulesTime = modules.ModifiedUtc;
        return Done(initrdTime + Slack < modulesTime
            ? CheckFinding.Warn(Tag, $"{Initrd} ({initrdTime:u}) is older than {KernelChooser.ModulesDirectory}/{kernel.Version} ({modulesTime:u}): modules changed after the initrd was built", "rebuild the initrd: run the initrd step (kairos-stages run --stage init)")
            : CheckFinding.Pass(Tag, $"{Initrd} is newer than {KernelChooser.ModulesDirectory}/{kernel.Version}"));
    }

    private static Task<IReadOnlyList<CheckFinding>> Done(CheckFinding finding) => Task.FromResult<IReadOnlyList<CheckFinding>>([finding]);
}
