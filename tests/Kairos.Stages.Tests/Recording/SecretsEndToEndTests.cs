using System.Diagnostics;
using Kairos.Stages.Engine.Pipeline;
using Kairos.Stages.Tests.Downloads;
using Kairos.Stages.Tests.Support;

namespace Kairos.Stages.Tests.Recording;

/// <summary>
/// A real <c>kairos-stages run -l trace --output json</c> process over a busybox root whose
/// extension carries every kind of secret: no secret may reach the logs, the JSON events, the run
/// record or the stage dump, and the shadow files keep a strict mode and root ownership.
/// </summary>
public sealed class SecretsEndToEndTests
{
    /// <summary>Every secret holds this marker, so one search finds any of them wherever it leaks.</summary>
    private const string Marker = "S3cr3t";

    private const string AllBundled = "installPackages,installKernel,branding,grub,miscellaneous,cloudconfigs,kairosBinaries," +
        "providerBinaries,kubernetes,kairosRelease,kernel,initramfsConfigs,initrd,services,sshHardening,workarounds,cleanup";

    [Fact]
    public async Task No_secret_reaches_logs_events_run_record_or_stage_dump_and_shadow_stays_private()
    {
        // arrange
        if (!Environment.IsPrivilegedProcess || !BusyboxRoot.Available)
        {
            Assert.Skip("needs root (chroot) and a static /bin/busybox");
        }

        using var server = new TestHttpServer();
        var download = server.Url("/artifact.bin").ToString().Replace("http://", $"http://fetcher:Url{Marker}pass@", StringComparison.Ordinal);
        using var root = new BusyboxRoot("debian");
        root.Directory.Write("/etc/shadow", "root:*:19000:0:99999:7:::\n", (UnixFileMode)0x1A0);
        root.Directory.Write("/etc/gshadow", "root:*::\n", (UnixFileMode)0x1A0);
        root.Directory.Write("/etc/kairos-init/stage-extensions/10-secrets.yaml", $$"""
            stages:
              after-install:
                - name: accounts
                  users:
                    alice:
                      passwd: "Plain{{Marker}}Alice"
                    bob:
                      passwd: "$6$saltsalt$Hashed{{Marker}}Bob"
                  ensure_entities:
                    - path: /etc/passwd
                      entity: |
                        kind: user
                        username: carol
                        password: "Entity{{Marker}}Carol"
                        uid: 1500
                        gid: 0
                        homedir: /home/carol
                        shell: /bin/sh
                - name: environment
                  environment_file: /etc/secrets.env
                  environment:
                    API_TOKEN: "Env{{Marker}}Token"
                - name: fetch
                  if: '[ "Authorization: Bearer If{{Marker}}" != "" ]'
                  downloads:
                    - url: "{{download}}"
                      path: /opt/artifact.bin
                  commands:
                    - 'echo "Authorization: Bearer Header{{Marker}}" >/dev/null; echo "https://u:Cmd{{Marker}}@example.invalid/x"'
            """);

        // act
        var clock = Stopwatch.StartNew();
        var (code, output, error) = await RunAsync(root.Path, "-l", "trace", "--output", "json");

        // assert
        Assert.True(code == 0, error);
        var places = new Dictionary<string, string>
        {
            ["stderr (trace log)"] = error,
            ["stdout (JSON events)"] = output,
            ["run record"] = await File.ReadAllTextAsync(root.HostPath("/etc/kairos/kairos-stages/run.json"), TestContext.Current.CancellationToken),
            ["stage dump"] = await File.ReadAllTextAsync(root.HostPath("/etc/kairos/kairos-init-all-stage.yaml"), TestContext.Current.CancellationToken),
        };
        AssertNoLeak("secrets (successful run, json, trace)", clock, places, "Plain", "Hashed", "Entity", "Env", "If", "Url", "Header", "Cmd");
        Assert.Contains("alice:", await File.ReadAllTextAsync(root.HostPath("/etc/shadow"), TestContext.Current.CancellationToken));
        Assert.Equal("hello", await File.ReadAllTextAsync(root.HostPath("/opt/artifact.bin"), TestContext.Current.CancellationToken));
        foreach (var file in new[] { "/etc/shadow", "/etc/gshadow" })
        {
            var mode = File.GetUnixFileMode(root.HostPath(file));
            Assert.True((mode & ~(UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.GroupRead)) == 0, $"{file} has mode {Convert.ToString((int)mode, 8)}");
            Assert.Equal((0, 0), Actions.FileStatProbe.Owner(root.HostPath(file)));
        }
    }

    [Theory]
    [InlineData("json")]
    [InlineData("text")]
    public async Task A_failing_step_and_a_skipping_if_leak_no_secret_of_their_command_or_output(string format)
    {
        // arrange
        if (!Environment.IsPrivilegedProcess || !BusyboxRoot.Available)
        {
            Assert.Skip("needs root (chroot) and a static /bin/busybox");
        }

        using var root = new BusyboxRoot("debian");
        root.Directory.Write("/etc/kairos-init/stage-extensions/10-secrets.yaml", $$"""
            stages:
              after-install:
                - name: skipped
                  if: 'echo "password=IfOut{{Marker}}"; [ "Authorization: Bearer IfSkip{{Marker}}" = "" ]'
                  commands: [true]
                - name: failing
                  commands:
                    - 'echo "token: x password=Cmd{{Marker}}" https://u:Url{{Marker}}@example.invalid; echo "Authorization: Bearer Tail{{Marker}}"; exit 3'
            """);

        // act
        var clock = Stopwatch.StartNew();
        var (code, output, error) = await RunAsync(root.Path, "-l", "trace", "--output", format);

        // assert
        Assert.True(code == 1, error);
        AssertNoLeak($"secrets (failing run, {format}, trace)", clock, new Dictionary<string, string>
        {
            ["stderr (trace log, progress)"] = error,
            ["stdout (events)"] = output,
            ["run record"] = await File.ReadAllTextAsync(root.HostPath("/etc/kairos/kairos-stages/run.json"), TestContext.Current.CancellationToken),
        }, "IfOut", "IfSkip", "Cmd", "Url", "Tail");
        Assert.Contains("exit code: 3", error + output);
        Assert.Contains("password=***", error + output);
    }

    /// <summary>Reports one case per planted secret and place (the secret is its prefix plus the marker), then fails on any marker anywhere.</summary>
    private static void AssertNoLeak(string suite, Stopwatch clock, Dictionary<string, string> places, params string[] secrets)
    {
        var checks = secrets.SelectMany(secret => places.Values.Select(text => !text.Contains(secret + Marker, StringComparison.Ordinal))).ToList();
        Figures.Report(suite, checks.Count, checks.Count(clean => clean), clock.Elapsed, $"{secrets.Length} secrets x {places.Count} places ({string.Join(", ", places.Keys)})");

        var leaks = places.Where(p => p.Value.Contains(Marker, StringComparison.Ordinal))
            .Select(p => $"{p.Key}:\n  " + string.Join("\n  ", p.Value.Split('\n').Where(l => l.Contains(Marker, StringComparison.Ordinal))));
        Assert.True(!leaks.Any(), "secrets leaked:\n" + string.Join('\n', leaks));
    }

    private static async Task<(int Code, string Output, string Error)> RunAsync(string root, params string[] extra)
    {
        var info = new ProcessStartInfo("dotnet", [Path.Combine(AppContext.BaseDirectory, "kairos-stages.dll"), "run", "--root", root, "--version", "1.0.0", "--skip-steps", AllBundled, .. extra])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        info.Environment.Remove(ExtensionFiles.EnvironmentVariable);
        using var process = Process.Start(info)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        return (process.ExitCode, await output, await error);
    }
}
