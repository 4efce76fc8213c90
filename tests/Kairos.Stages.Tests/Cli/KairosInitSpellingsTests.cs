using Kairos.Stages.Cli.Commands;
using Kairos.Stages.Cli.Terminal;
using Kairos.Stages.Tests.Context;
using Serilog.Events;

namespace Kairos.Stages.Tests.Cli;

/// <summary>
/// kairos-init's spellings as the Factory documents and kairos-init's own help write them: <c>--level</c> (long form of
/// <c>-l</c>) with every level it takes (error included), <c>-x</c>/<c>--stage-extensions</c>, <c>--trusted</c> on the build command, its per-image
/// version file <c>/etc/kairos/.init_versions.yaml</c>, and <c>version</c> listing the versions of what it installs.
/// </summary>
public sealed class KairosInitSpellingsTests
{
    /// <summary>A root with Debian 12's os-release, run as kairos-init would be (flags, no subcommand) with --dry-run: nothing is written.</summary>
    private static async Task<(int Code, string Out, string Err)> DryRun(TempRoot root, params string[] args)
    {
        var output = new StringWriter();
        var error = new StringWriter();
        var code = await CliApp.RunAsync([.. args, "--root", root.Path, "--arch", "amd64", "--dry-run"], output, error);
        return (code, output.ToString(), error.ToString());
    }

    private static TempRoot Debian()
    {
        var root = new TempRoot("ks-spell-");
        root.Write("/etc/os-release", File.ReadAllText(TestFiles.OsRelease("debian-12")));
        return root;
    }

    private static string Tree(TempRoot root) =>
        string.Join('\n', Directory.GetFileSystemEntries(root.Path, "*", SearchOption.AllDirectories).Order(StringComparer.Ordinal).Select(p => p + ":" + (File.Exists(p) ? File.ReadAllText(p) : "")));

    [Theory]
    [InlineData("-l", "error")]
    [InlineData("--level", "error")]
    [InlineData("--level", "debug")]
    [InlineData("--level", "warn")]
    public async Task Level_in_kairos_inits_spellings_is_accepted_and_plans_what_info_plans(string flag, string level)
    {
        using var root = Debian();

        // act: as kairos-init's Dockerfile lines write it, e.g. kairos-init -l debug -s init --version 1.0.0
        var spelled = await DryRun(root, flag, level, "-s", "init", "--version", "1.0.0");
        var info = await DryRun(root, "-s", "init", "--version", "1.0.0");

        // assert: the level changes what is logged, not what runs
        Assert.True(spelled.Code == 0, spelled.Err);
        Assert.Equal(info.Out, spelled.Out);
    }

    [Theory]
    [InlineData("-x")]
    [InlineData("--stage-extensions")]
    public async Task Stage_extensions_flag_is_accepted_and_the_roots_extension_is_planned_as_without_it(string flag)
    {
        using var root = Debian();
        root.Write("/etc/kairos-init/stage-extensions/10-mine.yaml", "stages:\n  after-init:\n    - name: mine-extension-step\n      commands:\n        - echo mine\n");

        // act: kairos-init -x -s init --version 1.0.0 (upstream, -x turns extensions on; here they load whenever their directory exists)
        var spelled = await DryRun(root, flag, "-s", "init", "--version", "1.0.0");
        var plain = await DryRun(root, "-s", "init", "--version", "1.0.0");

        // assert
        Assert.True(spelled.Code == 0, spelled.Err);
        Assert.Contains("mine-extension-step", spelled.Out, StringComparison.Ordinal);
        Assert.Equal(plain.Out, spelled.Out);
    }

    [Fact]
    public async Task Level_trace_in_the_long_spelling_makes_dracut_verbose_as_with_l_trace()
    {
        using var root = Debian();
        async Task<string> Render(params string[] level)
        {
            var output = new StringWriter();
            var error = new StringWriter();
            var code = await CliApp.RunAsync(["render", "--root", root.Path, "--arch", "amd64", "--version", "1.0.0", .. level], output, error);
            Assert.True(code == 0, error.ToString());
            return output.ToString();
        }

        var longForm = await Render("--level", "trace");
        var shortForm = await Render("-l", "trace");
        var info = await Render();

        Assert.Equal(shortForm, longForm);
        Assert.Contains("dracut -v --reproducible -f", longForm);
        Assert.DoesNotContain("dracut -v", info);
    }

    [Fact]
    public async Task Level_outside_kairos_inits_list_is_a_usage_error_naming_the_levels()
    {
        using var root = Debian();

        var (code, _, error) = await DryRun(root, "--level", "fatal", "-s", "init", "--version", "1.0.0");

        Assert.Equal(2, code);
        Assert.Contains("fatal", error);
        Assert.Contains("error", error);
    }

    [Theory]
    [InlineData("error", LogEventLevel.Error)]
    [InlineData("warn", LogEventLevel.Warning)]
    [InlineData("trace", LogEventLevel.Verbose)]
    public void Level_sets_the_least_severe_line_logged(string level, LogEventLevel least)
    {
        using var log = Logging.Create(level, writer: new StringWriter());

        Assert.Equal(least, Enum.GetValues<LogEventLevel>().First(log.IsEnabled));
    }

    [Fact]
    public async Task Trusted_on_the_build_command_plans_a_Trusted_Boot_image_as_t_does()
    {
        using var root = Debian();

        // act: kairos-init -s init --version 1.0.0 --trusted true
        var longForm = await DryRun(root, "-s", "init", "--version", "1.0.0", "--trusted", "true");
        var shortForm = await DryRun(root, "-s", "init", "--version", "1.0.0", "-t", "true");
        var off = await DryRun(root, "-s", "init", "--version", "1.0.0", "--trusted", "false");

        // assert
        Assert.True(longForm.Code == 0, longForm.Err);
        Assert.Equal(shortForm.Out, longForm.Out);
        Assert.NotEqual(off.Out, longForm.Out);
    }

    [Fact]
    public async Task Init_versions_file_asking_for_another_release_is_refused_naming_the_forked_artifacts_yaml_way()
    {
        using var root = Debian();
        root.Write("/etc/kairos/.init_versions.yaml", "immucore: v0.20.4\nagent: v2.20.0\n");
        var before = Tree(root);

        var (code, output, error) = await DryRun(root, "-s", "install");

        Assert.Equal(2, code);
        Assert.Empty(output);
        Assert.Contains("/etc/kairos/.init_versions.yaml:2:1: agent: v2.20.0 asks for kairos-agent v2.20.0", error);
        Assert.Contains("pinned kairos-agent v2.31.4", error);
        Assert.Contains("kairos-stages stages export DIR", error);
        Assert.Contains("DIR/data/artifacts.yaml", error);
        Assert.Contains("--stages-dir DIR", error);
        Assert.DoesNotContain("immucore", error);
        Assert.Equal(before, Tree(root));
    }

    [Theory]
    [InlineData("agent: v2.31.4\nimmucore: 0.20.4\n")]
    [InlineData("")]
    [InlineData("# nothing overridden\n")]
    public async Task Init_versions_file_that_names_only_the_pinned_releases_changes_nothing(string text)
    {
        using var root = Debian();
        var plain = await DryRun(root, "-s", "install");
        root.Write("/etc/kairos/.init_versions.yaml", text);

        var (code, output, error) = await DryRun(root, "-s", "install");

        Assert.True(code == 0, error);
        Assert.Equal(plain.Out, output);
    }

    [Theory]
    [InlineData("agent: [v1\n", "cannot be read as YAML")]
    [InlineData("k3s: v1.30.0+k3s1\n", ".init_versions.yaml:1:1: 'k3s' is not one of kairos-init's keys (agent, immucore, kcrypt_challenger, provider, edgevpn)")]
    [InlineData("- agent\n", ".init_versions.yaml:1:1: expected a mapping")]
    public async Task Init_versions_file_that_is_not_kairos_inits_shape_is_a_usage_error_at_its_line(string text, string expected)
    {
        using var root = Debian();
        root.Write("/etc/kairos/.init_versions.yaml", text);

        var (code, _, error) = await DryRun(root, "-s", "install");

        Assert.Equal(2, code);
        Assert.Contains(expected, error);
    }

    [Fact]
    public async Task Version_lists_the_pinned_release_of_every_artifact_it_installs()
    {
        var output = new StringWriter();

        var code = await CliApp.RunAsync(["version"], output, new StringWriter());

        Assert.Equal(0, code);
        var lines = output.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.StartsWith("kairos-stages version ", lines[0]);
        Assert.Equal("Pinned artifact versions:", lines[1]);
        Assert.Contains("  kairos-agent: v2.31.4", lines);
        Assert.Contains("  immucore: v0.20.4", lines);
        Assert.Contains("  kcrypt-discovery-challenger: v0.13.4", lines);
        var pins = File.ReadAllText(Path.Combine(Examples.ExampleCases.RepositoryDirectory, "stages/data/artifacts.yaml"));
        var catalog = Kairos.Stages.FrontEnd.Rendering.Functions.ArtifactCatalog.Parse(pins);
        Assert.Equal(catalog.Names.Select(n => $"  {n}: {catalog.PinnedVersion(n)}"), lines.Skip(2));
    }
}
