using System.Text;
using Kairos.Stages.Target.Platform;

namespace Kairos.Stages.Tests.Platform;

/// <summary>Programs joined by pipes through the runner: the bytes flow through, the failing program is the one named.</summary>
public sealed class ProgramPipelineTests
{
    private static CancellationToken Token => TestContext.Current.CancellationToken;

    [Fact]
    public async Task The_input_flows_through_every_program_into_the_output()
    {
        // arrange
        using var input = new MemoryStream(Encoding.UTF8.GetBytes("b\0a\0"));
        using var output = new MemoryStream();

        // act
        await ProgramRunner.RunPipelineAsync([new ProgramCall("tr", ["\\0", "\\n"]), new ProgramCall("sort", []), new ProgramCall("tr", ["a-z", "A-Z"])], input, output, Token);

        // assert
        Assert.Equal("A\nB\n", Encoding.UTF8.GetString(output.ToArray()));
    }

    [Fact]
    public async Task The_program_that_fails_is_named_with_its_exit_code_and_its_stderr()
    {
        // arrange
        using var output = new MemoryStream();
        ProgramCall[] programs =
        [
            new("printf", ["x\\n"]),
            new("/bin/sh", ["-c", "cat >/dev/null; echo 'middle broke' >&2; exit 3"]),
            new("cat", []),
        ];

        // act
        var error = await Assert.ThrowsAsync<ProgramException>(() => ProgramRunner.RunPipelineAsync(programs, null, output, Token));

        // assert
        Assert.Equal("/bin/sh exited with code 3:\nmiddle broke", error.Message);
        Assert.Same(programs[1], error.Call);
    }

    [Fact]
    public async Task A_missing_program_is_named_before_anything_runs()
    {
        // act
        var error = await Assert.ThrowsAsync<ProgramException>(() => ProgramRunner.RunPipelineAsync([new("cat", []), new("/nonexistent/zstd", [])], null, Stream.Null, Token));

        // assert
        Assert.StartsWith("cannot start /nonexistent/zstd: not found", error.Message, StringComparison.Ordinal);
    }
}
