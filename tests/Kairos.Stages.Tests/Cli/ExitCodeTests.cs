using Kairos.Stages.Cli.Commands;
using Kairos.Stages.Engine.Pipeline;
using Kairos.Stages.Target.Platform;

namespace Kairos.Stages.Tests.Cli;

/// <summary>The exit code mapping at the top of the CLI: usage errors, internal errors and dry runs, through <see cref="CliApp.RunAsync"/>.</summary>
public sealed class ExitCodeTests : IDisposable
{
    private const string OsRelease = "ID=debian\nVERSION_ID=\"12\"\nVERSION_CODENAME=bookworm\nNAME=\"Debian GNU/Linux\"\n";

    private readonly string _root = Directory.CreateTempSubdirectory("kairos-exit-").FullName;

    public ExitCodeTests()
    {
        Directory.CreateDirectory(Path.Combine(_root, "etc"));
        File.WriteAllText(Path.Combine(_root, "etc/os-release"), OsRelease);
    }

    public void Dispose() => Directory.Delete(_root, recursive: true);

    [Fact]
    public async Task An_unexpected_exception_exits_70_asking_for_a_report_not_1()
    {
        // arrange
        static ITarget Broken(string root) => throw new InvalidOperationException("target factory bug");
        var error = new StringWriter();

        // act
        var code = await CliApp.RunAsync(["run", "--root", _root, "--version", "1.0.0", "--no-extensions"], new StringWriter(), error, Broken);

        // assert
        Assert.Equal(ExitCodes.Internal, code);
        Assert.Equal(70, code);
        Assert.Contains("internal error", error.ToString());
        Assert.Contains("target factory bug", error.ToString());
        Assert.Contains("please report", error.ToString());
    }

    [Fact]
    public async Task A_usage_error_thrown_below_the_command_exits_2_with_its_message_and_no_usage_text()
    {
        // arrange
        var error = new StringWriter();
        var missing = Path.Combine(_root, "no-such-stages");

        // act
        var code = await CliApp.RunAsync(["plan", "--root", _root, "--stages-dir", missing], new StringWriter(), error);

        // assert
        Assert.Equal(ExitCodes.Usage, code);
        Assert.Equal($"error: --stages-dir: directory '{missing}' does not exist (create one with 'kairos-stages stages export {missing}')\n", error.ToString());
    }

    [Fact]
    public async Task A_dry_run_exits_0_and_writes_nothing_into_the_root()
    {
        // arrange
        var output = new StringWriter();
        var before = Directory.GetFileSystemEntries(_root, "*", SearchOption.AllDirectories);

        // act
        var code = await CliApp.RunAsync(["run", "--root", _root, "--version", "1.0.0", "--no-extensions", "--dry-run"], output, new StringWriter());

        // assert
        Assert.Equal(ExitCodes.Success, code);
        Assert.Contains("installPackages", output.ToString());
        Assert.Equal(before, Directory.GetFileSystemEntries(_root, "*", SearchOption.AllDirectories));
    }
}
