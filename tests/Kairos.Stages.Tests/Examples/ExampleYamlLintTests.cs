using Kairos.Stages.Cli.Commands;

namespace Kairos.Stages.Tests.Examples;

/// <summary>Every example stage file lints clean in strict mode through the real <c>lint</c> command.</summary>
public sealed class ExampleYamlLintTests
{
    public static TheoryData<string> Files() =>
    [
        .. Directory.GetFiles(Path.Combine(ExampleCases.RepositoryDirectory, "examples"), "*.y*ml", SearchOption.AllDirectories)
            .Select(f => Path.GetRelativePath(ExampleCases.RepositoryDirectory, f)).Order(StringComparer.Ordinal),
    ];

    [Theory]
    [MemberData(nameof(Files))]
    public async Task Example_yaml_lints_clean(string file)
    {
        // arrange
        var output = new StringWriter();
        var error = new StringWriter();

        // act
        var code = await CliApp.RunAsync(["lint", Path.Combine(ExampleCases.RepositoryDirectory, file)], output, error);

        // assert
        Assert.True(code == 0, $"{output}{error}");
        Assert.Contains("0 error(s), 0 warning(s)", error.ToString());
    }
}
