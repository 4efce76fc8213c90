using Kairos.Stages.Image.Kernel;

namespace Kairos.Stages.Image.Checks;

/// <summary>[KERNEL]: the kernel chooser finds a kernel in <c>/lib/modules</c> for the image's model.</summary>
public sealed class KernelCheck : IImageCheck
{
    public string Tag => "KERNEL";

    public string Title => "kernel modules";

    public Task<IReadOnlyList<CheckFinding>> RunAsync(CheckContext context, CancellationToken cancellationToken)
    {
        var lookup = KernelChooser.ChooseInRoot(context.Files, context.Model);
        IReadOnlyList<CheckFinding> findings = lookup.Choice is { } choice
            ? [CheckFinding.Pass(Tag, $"kernel {choice.Version} in {KernelChooser.ModulesDirectory} (model {context.Model})")]
            : [CheckFinding.Fail(Tag, lookup.Error!, "install a kernel package (the installKernel step: kairos-stages run --stage install); its modules go to /lib/modules/<version>")];
        return Task.FromResult(findings);
    }
}
