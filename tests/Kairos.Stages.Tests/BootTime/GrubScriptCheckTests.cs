using Kairos.Stages.Tests.Content;

namespace Kairos.Stages.Tests.BootTime;

/// <summary>Every shipped GRUB script parses with GRUB's own checker.</summary>
public sealed class GrubScriptCheckTests
{
    public static TheoryData<string> GrubFiles() =>
        [.. Directory.GetFiles(Path.Combine(ContentStages.StagesDirectory, "assets", "grub"), "*.cfg").Select(Path.GetFileName).Select(f => "grub/" + f!), "branding/grubmenu.cfg"];

    [Theory]
    [MemberData(nameof(GrubFiles))]
    public void Shipped_GRUB_file_passes_grub_script_check(string asset)
    {
        Assert.SkipUnless(File.Exists("/usr/bin/grub-script-check"), "needs grub-script-check (grub-common, build/install-deps.sh)");

        var output = Programs.Run("grub-script-check", "-v", Path.Combine(ContentStages.StagesDirectory, "assets", asset));

        Assert.DoesNotContain("error", output, StringComparison.OrdinalIgnoreCase);
    }
}
