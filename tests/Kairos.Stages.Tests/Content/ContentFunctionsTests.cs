using Kairos.Stages.FrontEnd.Rendering.Functions;

namespace Kairos.Stages.Tests.Content;

/// <summary>asset/assets read verbatim, yip_escape protects run-time templates, every cloud-config survives the file write.</summary>
public sealed class ContentFunctionsTests
{
    private static readonly AssetLibrary Assets = new(ContentStages.Source);

    [Fact]
    public void Asset_returns_the_file_verbatim_with_its_run_time_template()
    {
        var text = Assets.Read("cloudconfigs/31_hosts.yaml");

        Assert.Contains("kairos-{{ trunc 4 .MachineID }}", text, StringComparison.Ordinal);
    }

    [Fact]
    public void Assets_lists_relative_paths_in_ordinal_order()
    {
        var names = Assets.List("dracut/28immucore");

        Assert.Equal(["generator.sh", "immucore.service", "live-overlay-dirs.sh", "module-setup.sh"], names);
    }

    [Fact]
    public void Missing_asset_is_an_error()
    {
        Assert.Throws<ArgumentException>(() => Assets.Read("nope/none.cfg"));
    }

    [Fact]
    public void Yip_escape_turns_each_template_opening_into_a_literal_action()
    {
        Assert.Equal("kairos-{{ \"{{\" }} trunc 4 .MachineID }}", YipEscape.Escape("kairos-{{ trunc 4 .MachineID }}"));
        Assert.Equal("no templates", YipEscape.Escape("no templates"));
    }

    [Fact]
    public void Cloud_config_files_are_installed_with_escaped_templates()
    {
        var result = ContentStages.Render("install/60-cloudconfigs.yaml", ContentTargets.Get("ubuntu-24.04"));

        Assert.True(result.Success);
        Assert.Contains("kairos-{{ \\\"{{\\\" }} trunc 4 .MachineID }}", result.Text, StringComparison.Ordinal);
        foreach (var name in ContentStages.CloudConfigs)
        {
            Assert.Contains("path: /system/oem/" + name, result.Text, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void Content_files_never_leave_a_file_or_directory_without_permissions()
    {
        var files = ContentStages.Files.Select(f => "stages/" + f)
            .Concat(ContentStages.CloudConfigs.Select(c => "stages/assets/cloudconfigs/" + c));
        foreach (var file in files)
        {
            var lines = File.ReadAllLines(Path.Combine(ContentStages.StagesDirectory, "..", file));

            // ensure_entities entries also have a path (the passwd/group file edited), but no mode.
            var paths = lines.Where((l, i) => l.TrimStart().StartsWith("- path:", StringComparison.Ordinal)
                && !(i + 1 < lines.Length && lines[i + 1].TrimStart().StartsWith("entity:", StringComparison.Ordinal))).Count();
            var modes = lines.Count(l => l.TrimStart().StartsWith("permissions:", StringComparison.Ordinal));

            Assert.True(paths <= modes, $"{file}: {paths} paths but {modes} permissions");
        }
    }
}
