using Kairos.Stages.FrontEnd.Diagnostics;
using Kairos.Stages.FrontEnd.Model;

namespace Kairos.Stages.FrontEnd.Lint.Rules;

/// <summary>
/// KS514: keys that act on the running machine, in one of the six image-build stages. sysctl,
/// modules and systemctl start are skipped at build time (warning, with the file to write
/// instead); layout, datasource, git and unpack_images fail at build time (error, caught here
/// before anything runs). Boot-time stages (initramfs, boot, …) are not affected.
/// </summary>
public sealed class BuildTimeKeyRule : ISemanticRule
{
    private static readonly HashSet<string> BuildStages =
        ["before-install", "install", "after-install", "before-init", "init", "after-init"];

    private static readonly string[] FailingKeys = ["layout", "datasource", "git", "unpack_images"];

    public void Check(SemanticContext context, DiagnosticBag bag)
    {
        foreach (var (_, block, step) in context.Steps().Where(s => BuildStages.Contains(s.Block.Stage)))
        {
            Warn(bag, step, "sysctl", step.Sysctl.Count > 0, "sysctl acts on the running kernel and is skipped at image build time; write a file in /etc/sysctl.d/ instead");
            Warn(bag, step, "modules", step.Modules.Count > 0, "modules loads into the running kernel and is skipped at image build time; list them in /etc/modules-load.d/ instead");
            Warn(bag, step, "systemctl", step.Systemctl?.Start.Count > 0, "systemctl start is skipped at image build time (nothing runs in the image yet); use enable");
            foreach (var key in FailingKeys.Where(step.KeyLocations.ContainsKey))
            {
                bag.Error(step.LocationOf(key), DiagnosticCodes.BuildTimeUnsupported,
                    $"{key} is a boot-time key and fails in the image-build stage '{block.Stage}'; put it in a /system/oem cloud-config (e.g. the boot or initramfs stage)");
            }
        }
    }

    private static void Warn(DiagnosticBag bag, Step step, string key, bool present, string message)
    {
        if (present)
        {
            bag.Warning(step.LocationOf(key), DiagnosticCodes.BuildTimeUnsupported, message);
        }
    }
}
