using System.Text;
using Kairos.Stages.Target.Platform;

namespace Kairos.Stages.Tests.Platform;

public sealed class RecordingTargetTests
{
    private static CancellationToken Token => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Commands_are_recorded_with_their_environment_and_succeed_by_default()
    {
        // arrange
        using var target = new RecordingTarget();
        var request = new CommandRequest("apt-get install -y curl") { Environment = new Dictionary<string, string> { ["DEBIAN_FRONTEND"] = "noninteractive" } };

        // act
        var result = await target.RunAsync(request, Token);

        // assert
        Assert.Equal(0, result.ExitCode);
        var recorded = Assert.Single(target.Commands);
        Assert.Equal("apt-get install -y curl", recorded.Script);
        Assert.Equal("noninteractive", recorded.Environment["DEBIAN_FRONTEND"]);
    }

    [Fact]
    public async Task Programmed_failures_answer_matching_scripts_latest_rule_first()
    {
        // arrange
        using var target = new RecordingTarget()
            .Respond("^apt-get", 100, "E: broken\n")
            .Respond("install -y nope", 1, "E: Unable to locate package nope\n");
        var lines = new List<string>();

        // act
        var nope = await target.RunAsync(new CommandRequest("apt-get install -y nope") { OnOutput = lines.Add }, Token);
        var other = await target.RunAsync(new CommandRequest("apt-get update"), Token);
        var echo = await target.RunAsync(new CommandRequest("echo hi"), Token);

        // assert
        Assert.Equal((1, "E: Unable to locate package nope\n"), (nope.ExitCode, nope.Output));
        Assert.Equal(["E: Unable to locate package nope"], lines);
        Assert.Equal(100, other.ExitCode);
        Assert.Equal(0, echo.ExitCode);
    }

    [Fact]
    public async Task Side_effects_act_on_the_real_root()
    {
        // arrange
        using var target = new RecordingTarget().Respond(new CommandResponse(new("useradd"), 0, string.Empty)
        {
            SideEffect = (_, files) => files.WriteFile("/etc/passwd", Encoding.UTF8.GetBytes("kairos:x:1000:1000::/home/kairos:/bin/sh\n"), (UnixFileMode)0x1A4, 0, 0),
        });
        target.Files.CreateDirectory("/etc", (UnixFileMode)0x1ED, -1, -1);

        // act
        await target.RunAsync(new CommandRequest("useradd kairos"), Token);

        // assert
        Assert.StartsWith("kairos:x:1000", target.Files.ReadAllText("/etc/passwd"));
    }

    [Fact]
    public void Temporary_root_is_removed_on_dispose_and_a_given_root_is_kept()
    {
        // arrange
        var owned = new RecordingTarget();
        using var given = new TempRoot();
        var borrowed = new RecordingTarget(given.Path);

        // act
        owned.Dispose();
        borrowed.Dispose();

        // assert
        Assert.False(Directory.Exists(owned.Root));
        Assert.True(Directory.Exists(given.Path));
    }

    [Fact]
    public async Task Journal_interleaves_commands_and_file_changes_in_order_without_reads()
    {
        // arrange
        using var target = new RecordingTarget();
        var files = target.Files;

        // act
        files.CreateDirectory("/etc", (UnixFileMode)0x1ED, 0, 0);
        await target.RunAsync(new CommandRequest("apt-get -y update") { Environment = new Dictionary<string, string> { ["DEBIAN_FRONTEND"] = "noninteractive" } }, Token);
        files.WriteFile("/etc/motd", Encoding.UTF8.GetBytes("hi\n"), (UnixFileMode)0x1A4, 0, 0);
        _ = files.ReadAllText("/etc/motd");
        files.SetMode("/etc/motd", (UnixFileMode)0x180);
        files.SetOwner("/etc/motd", 1, 2);
        files.CreateSymlink("/etc/issue", "motd");
        files.Delete("/etc/issue");

        // assert
        Assert.Equal(
            [
                "mkdir /etc 0755 0:0",
                "run [DEBIAN_FRONTEND=noninteractive]: apt-get -y update",
                "write /etc/motd 0644 0:0 3 bytes sha256:98ea6e4f216f2fb4b69fff9b3a44842c38686ca685f3f55dc48c5d3fb1107be4",
                "chmod /etc/motd 0600",
                "chown /etc/motd 1:2",
                "symlink /etc/issue -> motd",
                "remove /etc/issue",
            ],
            target.Journal.Select(e => e.ToString()));
        Assert.Single(target.Commands);
    }

    [Fact]
    public void A_change_that_fails_is_not_journaled()
    {
        // arrange
        using var target = new RecordingTarget();

        // act
        var error = Record.Exception(() => target.Files.WriteFile("/missing/dir/file", [1], (UnixFileMode)0x1A4, 0, 0));

        // assert
        Assert.NotNull(error);
        Assert.Empty(target.Journal);
    }
}
