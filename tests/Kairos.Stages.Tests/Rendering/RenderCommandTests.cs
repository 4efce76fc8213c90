using Kairos.Stages.Cli.Commands;
using Kairos.Stages.Tests.Context;

namespace Kairos.Stages.Tests.Rendering;

public sealed class RenderCommandTests
{
    private static async Task<(int Code, string Out, string Err)> Run(params string[] args)
    {
        var output = new StringWriter();
        var error = new StringWriter();
        var code = await CliApp.RunAsync(args, output, error);
        return (code, output.ToString(), error.ToString());
    }

    [Theory]
    [InlineData("ubuntu-24.04", "kairos-core-ubuntu-24.04")]
    [InlineData("debian-12", "kairos-core-debian-12")]
    [InlineData("fedora-41", "kairos-core-fedora-41")]
    [InlineData("rocky-9", "kairos-core-rocky-9.5")]
    [InlineData("opensuse-leap-15.6", "kairos-core-opensuse-leap-15.6")]
    [InlineData("alpine-3.21", "kairos-core-alpine-3.21")]
    public async Task Render_with_an_os_release_file_prints_every_bundled_stage(string sample, string idLike)
    {
        // act
        var (code, output, error) = await Run("render", "--os-release", TestFiles.OsRelease(sample), "--version", "1.2.3", "--arch", "amd64");

        // assert
        Assert.True(code == 0, error);
        Assert.Contains($"KAIROS_ID_LIKE: \"{idLike}\"", output);
        Assert.Contains("KAIROS_VERSION: \"v1.2.3\"", output);
        Assert.Contains("--- # stages/init/80-cleanup.yaml", output);
    }

    [Theory]
    [InlineData("kairosRelease")]
    [InlineData("init/10-kairosRelease.yaml")]
    [InlineData("stages/init/10-kairosRelease.yaml")]
    public async Task Render_selects_one_stage_by_step_name_or_path(string name)
    {
        // act
        var (code, output, _) = await Run("render", name, "--os-release", TestFiles.OsRelease("debian-12"), "-v", "1.0");

        // assert
        Assert.Equal(0, code);
        Assert.StartsWith("# Rendered by Scriban", output);
        Assert.DoesNotContain("cleanup", output);
        Assert.Contains("KAIROS_VERSION: \"v1.0.0\"", output);
    }

    [Theory]
    [InlineData("-t", "true")]
    [InlineData("-t true", "true")]
    [InlineData("-t 1", "true")]
    [InlineData("-t 0", "false")]
    [InlineData("--trusted-boot=false", "false")]
    public async Task Trusted_boot_flag_accepts_bare_and_valued_forms(string flag, string expected)
    {
        // act
        var (code, output, error) = await Run(["render", "kairosRelease", "--os-release", TestFiles.OsRelease("fedora-41"), "-v", "1.2.3", .. flag.Split(' ')]);

        // assert
        Assert.True(code == 0, error);
        Assert.Contains($"KAIROS_TRUSTED_BOOT: \"{expected}\"", output);
    }

    [Fact]
    public async Task Provider_aliases_make_a_standard_render()
    {
        // act
        var (code, output, error) = await Run("render", "kairosRelease", "--os-release", TestFiles.OsRelease("ubuntu-22.04"), "-v", "1.2.3", "-p", "k0s", "--provider-k0s-version", "v1.32.1+k0s.0");

        // assert
        Assert.True(code == 0, error);
        Assert.Contains("KAIROS_VARIANT: \"standard\"", output);
        Assert.Contains("KAIROS_SOFTWARE_VERSION: \"v1.32.1+k0s.0\"", output);
    }

    [Theory]
    [InlineData("--model", "nvidia-jetson-thor", "not supported by kairos-stages yet")]
    [InlineData("--version", "latest", "invalid --version 'latest'")]
    [InlineData("--model", "rpi4", "requires a arm64 target")]
    public async Task Invalid_build_input_exits_2_with_a_clear_message(string flag, string value, string message)
    {
        // act
        var (code, _, error) = await Run("render", "--os-release", TestFiles.OsRelease("ubuntu-24.04"), "--arch", flag == "--model" && value == "rpi4" ? "amd64" : "arm64", flag, value);

        // assert
        Assert.Equal(2, code);
        Assert.Contains(message, error);
    }

    [Theory]
    [InlineData("--kubernetes", "rke2", "'rke2' not recognized")]
    [InlineData("--log-level", "verbose", "'verbose' not recognized")]
    [InlineData("--model", "rpi5", "'rpi5' not recognized")]
    [InlineData("-t", "yes", "'yes' is not included in true,false,1,0")]
    public async Task Enum_flag_outside_its_values_is_a_usage_error_listing_them(string flag, string value, string message)
    {
        // act
        var (code, _, error) = await Run("render", "--os-release", TestFiles.OsRelease("ubuntu-24.04"), flag, value);

        // assert
        Assert.NotEqual(0, code);
        Assert.Contains(message, error);
    }

    [Fact]
    public async Task Unknown_stage_name_exits_2_listing_the_known_ones()
    {
        // act
        var (code, _, error) = await Run("render", "nope", "--os-release", TestFiles.OsRelease("ubuntu-24.04"), "-v", "1.2.3");

        // assert
        Assert.Equal(2, code);
        Assert.Contains("init/10-kairosRelease.yaml (kairosRelease)", error);
    }

    [Fact]
    public async Task Undefined_variable_in_a_forked_stage_exits_2_with_file_line_and_column()
    {
        // arrange
        using var dir = new TempRoot();
        Assert.Equal(0, (await Run("stages", "export", dir.Path)).Code);
        dir.Write("init/50-broken.yaml", "step: broken\ndescription: uses a typo\nstages:\n  init:\n    - name: x\n      commands: [\"echo {{ distro.famly }}\"]\n");

        // act
        var (code, _, error) = await Run("render", "broken", "--stages-dir", dir.Path, "--os-release", TestFiles.OsRelease("debian-12"), "-v", "1.2.3");

        // assert
        Assert.Equal(2, code);
        Assert.Contains(Path.Combine(dir.Path, "init/50-broken.yaml") + ":6:34: error KS602", error);
    }

    [Fact]
    public async Task Exported_stages_render_the_same_as_the_bundled_ones()
    {
        // arrange
        using var dir = new TempRoot();
        string[] args = ["render", "--os-release", TestFiles.OsRelease("rocky-9"), "-v", "1.2.3", "--arch", "amd64"];

        // act
        var export = await Run("stages", "export", dir.Path);
        var bundled = await Run(args);
        var forked = await Run([.. args, "--stages-dir", dir.Path]);

        // assert
        Assert.Equal(0, export.Code);
        Assert.True(File.Exists(Path.Combine(dir.Path, "data", "packages.yaml")));
        Assert.True(File.Exists(Path.Combine(dir.Path, "README.md")));
        Assert.Equal(bundled.Out, forked.Out);
    }

    [Fact]
    public async Task Missing_stages_dir_exits_2_with_a_hint()
    {
        // act
        var (code, _, error) = await Run("render", "--stages-dir", "/nonexistent/stages", "--os-release", TestFiles.OsRelease("debian-12"), "-v", "1.2.3");

        // assert
        Assert.Equal(2, code);
        Assert.Contains("--stages-dir: directory '/nonexistent/stages' does not exist", error);
    }

    [Fact]
    public async Task Export_refuses_to_overwrite_without_force()
    {
        // arrange
        using var dir = new TempRoot();
        await Run("stages", "export", dir.Path);

        // act
        var again = await Run("stages", "export", dir.Path);
        var forced = await Run("stages", "export", dir.Path, "--force");

        // assert
        Assert.Equal(2, again.Code);
        Assert.Contains("--force", again.Err);
        Assert.Equal(0, forced.Code);
    }

    [Fact]
    public async Task Steps_info_lists_steps_sorted_by_name()
    {
        // act
        var (code, output, _) = await Run("steps-info");

        // assert
        Assert.Equal(0, code);
        var lines = output.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal("Step name & Description", lines[0]);
        var names = lines[2..^1].Select(l => l[1..l.IndexOf('"', 1)]).ToList();
        Assert.Equal(names.Order(StringComparer.Ordinal), names);
        Assert.Subset(names.ToHashSet(), new HashSet<string>(["cleanup", "installKernel", "installPackages", "kairosRelease"]));
        Assert.Contains(lines, l => l.StartsWith("\"kairosRelease\": writes /etc/kairos-release", StringComparison.Ordinal));
    }
}
