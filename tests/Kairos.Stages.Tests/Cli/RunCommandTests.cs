using Kairos.Stages.Cli.Commands;
using Kairos.Stages.Tests.Support;

namespace Kairos.Stages.Tests.Cli;

/// <summary>run and plan through the CLI against a real busybox root (commands really run through chroot).</summary>
[Collection("EndToEnd")]
public sealed class RunCommandTests
{
    private const string Failing = """
        stages:
          after-install:
            - name: first
              commands:
                - echo first > /tmp/first
            - name: breaks
              commands:
                - echo "about to fail"; exit 3
            - name: later
              commands:
                - echo later > /tmp/later
          before-init:
            - name: next-stage
              commands:
                - echo next > /tmp/next
        """;

    /// <summary>Every bundled step: these tests exercise only the extension file.</summary>
    private const string AllBundled = "installPackages,installKernel,branding,grub,miscellaneous,cloudconfigs,kairosBinaries," +
        "providerBinaries,kubernetes,kairosRelease,kernel,initramfsConfigs,initrd,services,sshHardening,workarounds,cleanup";

    private static async Task<(int Code, string Output, string Error)> RunAsync(params string[] args)
    {
        var output = new StringWriter();
        var error = new StringWriter();
        var code = await CliApp.RunAsync(args, output, error);
        return (code, output.ToString(), error.ToString());
    }

    private static BusyboxRoot RootWithExtension(string yaml)
    {
        if (Environment.UserName != "root" || !BusyboxRoot.Available)
        {
            Assert.Skip("needs root and a static busybox (build/install-deps.sh)");
        }

        var root = new BusyboxRoot("debian");
        root.Directory.Write("/etc/kairos-init/stage-extensions/10-test.yaml", yaml);
        return root;
    }

    [Fact]
    public async Task A_failing_extension_command_stops_the_run_with_its_source_line_and_output()
    {
        using var root = RootWithExtension(Failing);

        var (code, _, error) = await RunAsync("run", "--root", root.Path, "--stage", "all", "--version", "1.0.0", "--skip-steps", AllBundled);

        Assert.Equal(1, code);
        Assert.Contains("/etc/kairos-init/stage-extensions/10-test.yaml:6:7", error);
        Assert.Contains("exit code: 3", error);
        Assert.Contains("| about to fail", error);
        Assert.True(File.Exists(root.HostPath("/tmp/first")));
        Assert.False(File.Exists(root.HostPath("/tmp/later")));
        Assert.DoesNotContain(root.Path, await File.ReadAllTextAsync("/proc/self/mountinfo", TestContext.Current.CancellationToken));
    }

    [Fact]
    public async Task Keep_going_finishes_the_failing_stage_but_not_the_next()
    {
        using var root = RootWithExtension(Failing);

        var (code, _, _) = await RunAsync("run", "--root", root.Path, "--stage", "all", "--version", "1.0.0", "--skip-steps", AllBundled, "--keep-going");

        Assert.Equal(1, code);
        Assert.True(File.Exists(root.HostPath("/tmp/later")));
        Assert.False(File.Exists(root.HostPath("/tmp/next")));
    }

    [Fact]
    public async Task Plan_and_dry_run_leave_the_root_byte_identical()
    {
        using var root = RootWithExtension(Failing);
        var before = root.Directory.Snapshot(includeChangeTimes: true);

        var plan = await RunAsync("plan", "--root", root.Path, "--stage", "all", "--version", "1.0.0", "--format", "json");
        var dry = await RunAsync("run", "--root", root.Path, "--stage", "all", "--version", "1.0.0", "--dry-run");

        Assert.True(plan.Code == 0, plan.Error);
        Assert.True(dry.Code == 0, dry.Error);
        Assert.Contains("\"decision\": \"run\"", plan.Output);
        Assert.Equal(before, root.Directory.Snapshot(includeChangeTimes: true));
    }

    [Fact]
    public async Task A_bad_extension_file_stops_everything_before_anything_runs()
    {
        using var root = RootWithExtension("stages:\n  after-install:\n    - name: typo\n      files:\n        - path: /etc/x\n          permsisions: 0644\n");
        var before = root.Directory.Snapshot(includeChangeTimes: true);

        var (code, _, error) = await RunAsync("run", "--root", root.Path, "--stage", "all", "--version", "1.0.0");

        Assert.Equal(2, code);
        Assert.Contains("10-test.yaml:6:11: error KS301: unknown key 'permsisions' — did you mean 'permissions'?", error);
        Assert.Equal(before, root.Directory.Snapshot(includeChangeTimes: true));
    }

    [Fact]
    public async Task Unknown_skip_step_is_a_usage_error_with_a_suggestion()
    {
        using var root = RootWithExtension("stages: {}\n");

        var (code, _, error) = await RunAsync("run", "--root", root.Path, "--version", "1.0.0", "--skip-steps", "instalPackages");

        Assert.Equal(2, code);
        Assert.Contains("did you mean 'installPackages'", error);
    }

    [Fact]
    public async Task Kairos_init_flags_without_a_subcommand_mean_run()
    {
        using var root = RootWithExtension("stages: {}\n");

        var (code, output, _) = await RunAsync("-s", "init", "--version", "1.0.0", "--root", root.Path, "--dry-run", "--skip-step", "cleanup");

        Assert.Equal(0, code);
        Assert.Contains("skip: --skip-steps cleanup", output);
    }

    [Fact]
    public async Task Lint_without_paths_checks_the_rendered_bundled_stages()
    {
        var (code, _, error) = await RunAsync("lint");

        Assert.Equal(0, code);
        Assert.Matches(@"lint: \d+ file\(s\), 0 error\(s\)", error);
    }

    [Fact]
    public async Task Install_phase_runs_without_a_version_and_init_still_needs_one()
    {
        // arrange: only the extension's after-install and before-init steps run, and kairosRelease, which stamps the version
        using var root = RootWithExtension(Failing.Replace("echo \"about to fail\"; exit 3", "true", StringComparison.Ordinal));
        var allButRelease = string.Join(',', AllBundled.Split(',').Where(s => s != "kairosRelease"));

        // act
        var install = await RunAsync("run", "--root", root.Path, "--stage", "install", "--skip-steps", AllBundled);
        var init = await RunAsync("run", "--root", root.Path, "--stage", "init", "--skip-steps", allButRelease);

        // assert: the version is stamped by init, so only init asks for it
        Assert.True(install.Code == 0, install.Error);
        Assert.True(File.Exists(Path.Combine(root.Path, "tmp/later")));
        Assert.Equal(2, init.Code);
        Assert.Contains("--version is required", init.Error);
        Assert.False(File.Exists(Path.Combine(root.Path, "tmp/next")));
    }

    [Fact]
    public async Task Init_work_above_the_version_line_runs_without_a_version_and_the_rest_needs_it()
    {
        // arrange: the init steps above the version line are left to their before-init stage (the extension's step);
        // a busybox root has no kernel for the rest of them
        using var root = RootWithExtension(Failing.Replace("echo \"about to fail\"; exit 3", "true", StringComparison.Ordinal));

        // act
        var above = await RunAsync("run", "--root", root.Path, "--stage", "init", "--only-steps", "before-init");
        var below = await RunAsync("run", "--root", root.Path, "--stage", "init", "--skip-steps", "before-init,kernel,initramfsConfigs,initrd");
        var release = await RunAsync("run", "--root", root.Path, "--stage", "init", "--only-steps", "kairosRelease", "--version", "1.2.3");

        // assert: only the part that reaches kairosRelease asks for the version, and --only-steps ran that step alone
        Assert.True(above.Code == 0, above.Error);
        Assert.True(File.Exists(Path.Combine(root.Path, "tmp/next")));
        Assert.Equal(2, below.Code);
        Assert.Contains("--version is required", below.Error);
        Assert.True(release.Code == 0, release.Error);
        Assert.Contains("KAIROS_VERSION=\"v1.2.3\"", File.ReadAllText(Path.Combine(root.Path, "etc/kairos-release")));
        Assert.False(File.Exists(Path.Combine(root.Path, "boot/initrd")));
    }

    [Fact]
    public async Task An_unknown_only_steps_name_is_refused_with_a_suggestion()
    {
        using var root = RootWithExtension(Failing);

        var (code, _, error) = await RunAsync("run", "--root", root.Path, "--stage", "init", "--only-steps", "initrdd");

        Assert.Equal(2, code);
        Assert.Contains("unknown step 'initrdd' in --only-steps", error);
        Assert.Contains("initrd", error);
    }
}
