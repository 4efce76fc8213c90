using Kairos.Stages.Target.Context;
using Kairos.Stages.Target.Platform;

namespace Kairos.Stages.Image.Kernel;

/// <summary>Adds the kernel the init phase will use, chosen from the root's /lib/modules (empty when none yet).</summary>
public static class ContextWithKernel
{
    public static BuildContext Refresh(BuildContext context)
    {
        if (!Directory.Exists(context.Root))
        {
            return context;
        }

        var lookup = KernelChooser.ChooseInRoot(new RootFileSystem(context.Root), context.Model);
        return context with { KernelVersion = lookup.Choice?.Version ?? "" };
    }
}
