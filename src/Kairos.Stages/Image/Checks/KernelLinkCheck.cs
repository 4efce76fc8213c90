using Kairos.Stages.Image.Kernel;

namespace Kairos.Stages.Image.Checks;

/// <summary>
/// [KERNEL-LINK] (warning only): when <c>/boot/vmlinuz</c> points to <c>vmlinuz-&lt;v&gt;</c> and <c>&lt;v&gt;</c> is
/// another kernel of <c>/lib/modules</c> than the chosen one, the initrd (built for the chosen kernel)
/// would boot with the wrong kernel. Any other link layout (Jetson Image, Alpine -lts) is not judged.
/// </summary>
public sealed class KernelLinkCheck : IImageCheck
{
    private const string Kernel = "/boot/vmlinuz";

    public string Tag => "KERNEL-LINK";

    public string Title => "/boot/vmlinuz matches the chosen kernel";

    public Task<IReadOnlyList<CheckFinding>> RunAsync(CheckContext context, CancellationToken cancellationToken)
    {
        var chosen = KernelChooser.ChooseInRoot(context.Files, context.Model).Choice;
        var linked = RootEntry.Target(context.Files, Kernel) is { } target ? Path.GetFileName(target.Path) : null;
        var version = linked is not null && linked.StartsWith("vmlinuz-", StringComparison.Ordinal) ? linked["vmlinuz-".Length..] : null;
        CheckFinding finding;
        if (chosen is null || version is null || version == chosen.Version || !context.Files.DirectoryExists($"{KernelChooser.ModulesDirectory}/{version}"))
        {
            finding = CheckFinding.Pass(Tag, chosen is null || version is null ? "not applicable (no kernel, or not a vmlinuz-<version> link)" : $"{Kernel} is kernel {chosen.Version}");
        }
        else
        {
            finding = CheckFinding.Warn(Tag, $"{Kernel} is kernel {version} but the newest kernel in {KernelChooser.ModulesDirectory} is {chosen.Version}, which the initrd is built for", $"re-run the kernel and initrd steps (kairos-stages run --stage init), or remove the kernel you do not want");
        }

        return Task.FromResult<IReadOnlyList<CheckFinding>>([finding]);
    }
}
