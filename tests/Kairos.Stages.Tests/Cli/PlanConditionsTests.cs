using System.Text.Json;
using Kairos.Stages.Cli.Commands;
using Kairos.Stages.Engine.Recording;
using Kairos.Stages.Tests.Context;
using Kairos.Stages.Tests.Support;

namespace Kairos.Stages.Tests.Cli;

/// <summary>plan decides the conditions the build decides, with the reason, and shows the others with their expressions; run then agrees.</summary>
[Collection("EndToEnd")]
public sealed class PlanConditionsTests
{
    private const string AllBundled = "installPackages,installKernel,branding,grub,miscellaneous,cloudconfigs,kairosBinaries," +
        "providerBinaries,kubernetes,kairosRelease,kernel,initramfsConfigs,initrd,services,sshHardening,workarounds,cleanup";

    private const string Extension = """
        stages:
          after-install:
            - name: fedora only
              only_os: "Fedora.*"
              commands: [touch /tmp/fedora]
            - name: debian only
              only_os: "Debian.*"
              only_os_version: "^12$"
              commands: [touch /tmp/debian]
            - name: arm only
              only_arch: arm64
              commands: [touch /tmp/arm]
            - name: when marked
              if: "test -e /etc/marker"
              commands: [touch /tmp/marked]
            - name: when files
              if_files:
                any: [/etc/os-release]
              commands: [touch /tmp/files]
        """;

    private static async Task<(int Code, string Out, string Err)> Cli(params string[] args)
    {
        var output = new StringWriter();
        var error = new StringWriter();
        var code = await CliApp.RunAsync(args, output, error);
        return (code, output.ToString(), error.ToString());
    }

    private static BusyboxRoot DebianRootWithExtension()
    {
        if (Environment.UserName != "root" || !BusyboxRoot.Available)
        {
            Assert.Skip("needs root and a static busybox (build/install-deps.sh)");
        }

        var root = new BusyboxRoot("debian");
        File.Copy(TestFiles.OsRelease("debian-12"), root.HostPath("/etc/os-release"), overwrite: true);
        Directory.CreateDirectory(root.HostPath("/etc/kairos-init/stage-extensions"));
        File.WriteAllText(root.HostPath("/etc/kairos-init/stage-extensions/10-conditions.yaml"), Extension);
        return root;
    }

    [Fact]
    public async Task Plan_skips_what_the_build_decides_with_the_reason_and_shows_run_time_conditions_with_their_expressions()
    {
        // arrange
        using var root = DebianRootWithExtension();
        string[] args = ["--root", root.Path, "--stage", "after-install", "--version", "1.0.0", "--skip-steps", AllBundled];

        // act
        var text = await Cli(["plan", .. args]);
        var json = await Cli(["plan", .. args, "--format", "json"]);

        // assert: text
        Assert.True(text.Code == 0, text.Err);
        string Line(string name) => Assert.Single(text.Out.Split('\n'), l => l.Contains($"] {name}  ", StringComparison.Ordinal));
        Assert.EndsWith("skip: only_os 'Fedora.*' does not match the OS name 'Debian GNU/Linux 12 (bookworm)'", Line("fedora only"));
        Assert.EndsWith("  run", Line("debian only"));
        Assert.EndsWith("skip: only_arch 'arm64' does not match the architecture 'amd64'", Line("arm only"));
        Assert.EndsWith("run when if: test -e /etc/marker", Line("when marked"));
        Assert.EndsWith("run when if_files: any [/etc/os-release]", Line("when files"));

        // assert: the JSON carries the same
        using var plan = JsonDocument.Parse(json.Out);
        var entries = plan.RootElement.GetProperty("entries").EnumerateArray().ToDictionary(e => e.GetProperty("name").GetString()!);
        Assert.Equal("skip", entries["fedora only"].GetProperty("decision").GetString());
        Assert.Equal("only_os 'Fedora.*' does not match the OS name 'Debian GNU/Linux 12 (bookworm)'", entries["fedora only"].GetProperty("reason").GetString());
        Assert.Equal("run", entries["debian only"].GetProperty("decision").GetString());
        Assert.Empty(entries["debian only"].GetProperty("runtime_conditions").EnumerateArray());
        var marked = Assert.Single(entries["when marked"].GetProperty("runtime_conditions").EnumerateArray());
        Assert.Equal(("if", "test -e /etc/marker"), (marked.GetProperty("key").GetString(), marked.GetProperty("expression").GetString()));
    }

    [Fact]
    public async Task Run_does_what_plan_said_for_every_condition()
    {
        // arrange
        using var root = DebianRootWithExtension();
        string[] args = ["--root", root.Path, "--stage", "after-install", "--version", "1.0.0", "--skip-steps", AllBundled];
        var plan = await Cli(["plan", .. args, "--format", "json"]);

        // act
        var run = await Cli(["run", .. args]);

        // assert
        Assert.True(run.Code == 0, run.Err);
        Assert.False(File.Exists(root.HostPath("/tmp/fedora")));
        Assert.True(File.Exists(root.HostPath("/tmp/debian")));
        Assert.False(File.Exists(root.HostPath("/tmp/arm")));
        Assert.False(File.Exists(root.HostPath("/tmp/marked")));
        Assert.True(File.Exists(root.HostPath("/tmp/files")));
        using var planned = JsonDocument.Parse(plan.Out);
        using var record = JsonDocument.Parse(await File.ReadAllTextAsync(root.HostPath(RunRecord.PathInRoot), TestContext.Current.CancellationToken));
        var reasons = record.RootElement.GetProperty("steps").EnumerateArray()
            .ToDictionary(s => s.GetProperty("id").GetString()!, s => s.TryGetProperty("reason", out var r) ? r.GetString() : null);
        foreach (var entry in planned.RootElement.GetProperty("entries").EnumerateArray().Where(e => e.GetProperty("decision").GetString() == "skip"))
        {
            Assert.Equal(entry.GetProperty("reason").GetString(), reasons[entry.GetProperty("id").GetString()!]);
        }
    }
}
