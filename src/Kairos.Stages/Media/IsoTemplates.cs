using Kairos.Stages.FrontEnd.Rendering;
using Kairos.Stages.FrontEnd.Sources;
using Kairos.Stages.Target.Context;
using Scriban.Runtime;

namespace Kairos.Stages.Media;

/// <summary>Renders the ISO's GRUB files from <c>stages/iso/</c> with the stage variables of the image plus <c>iso.*</c>.</summary>
public static class IsoTemplates
{
    /// <summary>The variables build-iso adds under <c>iso</c>; stages/README.md describes each.</summary>
    public static ScriptObject Variables(IsoLayout layout, string liveConsole, string extendCmdline) => new()
    {
        ["iso"] = new ScriptObject
        {
            ["volume_id"] = layout.VolumeId,
            ["kernel_path"] = layout.KernelPath,
            ["initrd_path"] = layout.InitrdPath,
            ["squashfs_path"] = layout.SquashfsPath,
            ["live_menu_path"] = layout.LiveMenuPath,
            ["live_console"] = liveConsole,
            // AuroraBoot drops newlines from --extend-live-cmdline: a linux line is one line.
            ["extend_cmdline"] = extendCmdline.Replace("\r", "", StringComparison.Ordinal).Replace('\n', ' ').Trim(),
        },
    };

    public static string Render(IStageSource stages, string template, BuildContext context, ScriptObject variables)
    {
        var text = stages.ReadText(template) ?? throw MediaException.Input($"{stages.DisplayPath(template)}: missing (an ISO GRUB template)");
        var result = StageRenderer.ForSource(stages).Render(stages.DisplayPath(template), text, context, variables);
        if (result.Diagnostics.Count > 0)
        {
            throw MediaException.Input(string.Join('\n', result.Diagnostics.Select(d => d.ToString())));
        }

        return result.Text!;
    }
}
