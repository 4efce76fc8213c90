using System.Text.Json;
using Kairos.Stages.Cli.Commands;

namespace Kairos.Stages.Tests.Checks;

/// <summary><c>kairos-stages validate</c> end to end: output formats and exit codes (0 ok, 1 failures, 2 usage).</summary>
public sealed class ValidateCommandTests
{
    private static async Task<(int Code, string Out, string Err)> RunAsync(params string[] args)
    {
        var stdout = new StringWriter();
        var stderr = new StringWriter();
        var code = await CliApp.RunAsync(args, stdout, stderr);
        return (code, stdout.ToString(), stderr.ToString());
    }

    private static TempRoot RootWithoutLsinitrd()
    {
        // the CLI runs commands for real; without lsinitrd in the root none is run
        var root = GoodRoot.Create();
        root.Remove("/usr/bin/lsinitrd");
        return root;
    }

    [Fact]
    public async Task A_good_root_exits_0_with_a_line_per_check_and_a_summary()
    {
        using var root = RootWithoutLsinitrd();

        var (code, output, _) = await RunAsync("validate", "--root", root.Path);

        Assert.Equal(0, code);
        Assert.Contains("PASS [FILES] /boot/vmlinuz -> vmlinuz-6.1.0-18-amd64", output);
        Assert.Contains("WARN [INITRD] lsinitrd is not installed", output);
        Assert.Contains("model=generic (kairos-release)", output);
        Assert.Matches(@"image is Kairos-ready: \d+ passed, 1 warnings, 0 failed", output);
    }

    [Fact]
    public async Task A_broken_root_exits_1_and_prints_the_fix()
    {
        using var root = RootWithoutLsinitrd();
        root.Remove("/boot/vmlinuz");

        var (code, output, _) = await RunAsync("validate", "--root", root.Path);

        Assert.Equal(1, code);
        Assert.Contains("FAIL [FILES] /boot/vmlinuz is missing → run the kernel step", output);
        Assert.Contains("image is NOT Kairos-ready", output);
    }

    [Fact]
    public async Task Json_output_is_one_object_with_findings_and_a_summary()
    {
        using var root = RootWithoutLsinitrd();
        root.Remove("/var/lock");

        var (code, output, _) = await RunAsync("validate", "--root", root.Path, "--output", "json");

        Assert.Equal(1, code);
        using var json = JsonDocument.Parse(output);
        var top = json.RootElement;
        Assert.False(top.GetProperty("ok").GetBoolean());
        Assert.Equal(root.Path, top.GetProperty("root").GetString());
        var failure = top.GetProperty("findings").EnumerateArray().Single(f => f.GetProperty("status").GetString() == "fail");
        Assert.Equal("DIRS", failure.GetProperty("tag").GetString());
        Assert.Contains("/var/lock", failure.GetProperty("message").GetString());
        Assert.False(string.IsNullOrEmpty(failure.GetProperty("fix").GetString()));
        Assert.Equal(1, top.GetProperty("summary").GetProperty("failures").GetInt32());
        Assert.Equal(1, top.GetProperty("summary").GetProperty("warnings").GetInt32());
        Assert.Contains(top.GetProperty("inputs").EnumerateArray(), i => i.GetProperty("name").GetString() == "variant" && i.GetProperty("source").GetString() == "kairos-release");
    }

    [Fact]
    public async Task A_bare_trusted_boot_flag_means_true()
    {
        using var root = RootWithoutLsinitrd();
        root.Remove("/boot/initrd");

        var (code, output, _) = await RunAsync("validate", "--root", root.Path, "-t");

        Assert.Contains("trusted-boot=true (flag)", output);
        Assert.Contains("FAIL [RELEASE] KAIROS_TRUSTED_BOOT is 'false' but -t true was given", output);
        Assert.DoesNotContain("FAIL [FILES]", output);
        Assert.Equal(1, code);
    }

    [Fact]
    public async Task The_provider_alias_selects_the_standard_variant()
    {
        using var root = RootWithoutLsinitrd();

        var (code, output, _) = await RunAsync("validate", "--root", root.Path, "-p", "k3s");

        Assert.Equal(1, code);
        Assert.Contains("FAIL [BINARIES] could not find binary k3s", output);
        Assert.Contains("variant=standard (flag)", output);
    }

    [Theory]
    [InlineData("--output", "yaml")]
    [InlineData("-m", "rpi5")]
    [InlineData("-k", "k8s")]
    [InlineData("-t", "yes")]
    [InlineData("--no-such-flag", "x")]
    public async Task Usage_errors_exit_2_without_checking(string flag, string value)
    {
        using var root = RootWithoutLsinitrd();

        var (code, output, error) = await RunAsync("validate", "--root", root.Path, flag, value);

        Assert.Equal(2, code);
        Assert.Empty(output);
        Assert.StartsWith("validate: ", error);
    }

    [Fact]
    public async Task An_unknown_model_suggests_the_closest_one()
    {
        using var root = RootWithoutLsinitrd();

        var (_, _, error) = await RunAsync("validate", "--root", root.Path, "-m", "rpi5");

        Assert.Contains("did you mean 'rpi3'", error);
    }

    [Fact]
    public async Task A_missing_root_exits_2()
    {
        var (code, _, error) = await RunAsync("validate", "--root", "/nonexistent/kairos-root");

        Assert.Equal(2, code);
        Assert.Contains("root directory '/nonexistent/kairos-root' does not exist", error);
    }

    [Theory]
    [InlineData("--root")]
    [InlineData("-m")]
    [InlineData("--output")]
    public async Task An_option_without_its_value_exits_2_without_the_usage_text(string flag)
    {
        var (code, output, error) = await RunAsync("validate", flag);

        Assert.Equal(2, code);
        Assert.Empty(output);
        Assert.Equal($"validate: {flag} needs a value", error.Trim());
    }

    [Fact]
    public async Task Help_still_shows_the_options()
    {
        var (code, output, _) = await RunAsync("validate", "--help");

        Assert.Equal(0, code);
        Assert.Contains("--trusted-boot", output);
    }
}
