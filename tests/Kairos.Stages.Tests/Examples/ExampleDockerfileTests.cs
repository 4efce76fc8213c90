
namespace Kairos.Stages.Tests.Examples;

/// <summary>
/// Every call of kairos-stages in the example Dockerfiles runs against a sample root of its FROM
/// image, for every build in its matrix: an example can never use a flag or value that does not exist.
/// </summary>
public sealed class ExampleDockerfileTests(ExampleTally tally) : IClassFixture<ExampleTally>
{
    /// <summary>One row per call, named in full (the default display cuts long arguments).</summary>
    public static IEnumerable<TheoryDataRow<string>> Invocations() =>
        ExampleCases.All.Keys.Select(name => new TheoryDataRow<string>(name) { TestDisplayName = name });

    [Theory]
    [MemberData(nameof(Invocations))]
    public async Task Example_call_runs_against_a_sample_root_of_its_image(string name)
    {
        // arrange
        var example = ExampleCases.All[name];
        var passed = false;
        try
        {
            Assert.True(example.Invocation is not null, example.Error);

            // act
            var result = await ExampleRunner.RunAsync(example.Invocation);
            passed = result.Passed;

            // assert
            Assert.True(result.Passed, result.ToString());
        }
        finally
        {
            tally.Count(passed);
        }
    }

    [Fact]
    public void Every_example_dockerfile_calls_the_tool()
    {
        var called = ExampleCases.All.Values.Select(c => c.Invocation?.Dockerfile ?? c.Name.Split(' ')[0]).ToHashSet();

        var silent = ExampleCases.Dockerfiles().Select(p => Path.GetRelativePath(ExampleCases.RepositoryDirectory, p)).Where(p => !called.Contains(p));

        Assert.Empty(silent);
    }

    [Theory]
    [InlineData("run --stage all --version 1.0.0 --no-such-flag")]
    [InlineData("run --stage install --version 1.0.0 --kubernetes k9s")]
    [InlineData("validate --no-such-flag")]
    public async Task A_call_with_a_flag_or_value_that_does_not_exist_fails_with_exit_2(string call)
    {
        // arrange
        using var context = new TempRoot();
        var dockerfile = $"FROM kairos-stages AS kairos-stages\nFROM ubuntu:24.04\nRUN apt-get update && \\\n    /kairos-stages/kairos-stages {call} && rm -rf /kairos-stages\n";
        var invocation = Assert.Single(DockerfileEvaluator.Evaluate("synthetic/Dockerfile", dockerfile, context.Path, BuildVariant.Defaults));

        // act
        var result = await ExampleRunner.RunAsync(invocation);

        // assert
        Assert.Equal(2, result.Code);
        Assert.False(result.Passed);
    }

    [Fact]
    public async Task Generic_dockerfile_with_fips_on_its_ubuntu_default_is_refused_with_the_reason()
    {
        // arrange: the matrix leaves FIPS out on Ubuntu bases; this pins down why
        var path = Path.Combine(ExampleCases.RepositoryDirectory, "examples", "generic", "Dockerfile");
        var variant = new BuildVariant(new Dictionary<string, string> { ["FIPS"] = "true" });
        var install = DockerfileEvaluator.Evaluate("examples/generic/Dockerfile", File.ReadAllText(path), Path.GetDirectoryName(path)!, variant)[0];

        // act
        var result = await ExampleRunner.RunAsync(install);

        // assert
        Assert.Contains("--fips", install.Arguments);
        Assert.Equal(2, result.Code);
        Assert.Contains("KS601", result.Error);
    }

    [Fact]
    public void Reader_resolves_args_env_continuations_the_alias_and_exec_form()
    {
        // arrange
        using var context = new TempRoot();
        const string dockerfile = """
            ARG BASE=debian:12
            ARG VERSION=1.0.0
            FROM kairos-stages AS tool
            FROM ${BASE} AS image
            # redeclared without a value: takes the global one
            ARG VERSION
            ENV KS_LOG=debug
            RUN apt-get update && \
                # a comment inside a continuation
                /usr/local/bin/kairos-init -s install --version "$VERSION" -l ${KS_LOG}; echo done
            RUN ["/kairos-stages/kairos-stages", "validate", "--output", "json"]
            """;
        var variant = new BuildVariant(new Dictionary<string, string> { ["VERSION"] = "2.0.0" });

        // act
        var invocations = DockerfileEvaluator.Evaluate("synthetic/Dockerfile", dockerfile, context.Path, variant);

        // assert
        Assert.Collection(
            invocations,
            i => Assert.Equal(["-s", "install", "--version", "2.0.0", "-l", "debug"], i.Arguments),
            i => Assert.Equal(["validate", "--output", "json"], i.Arguments));
        Assert.All(invocations, i => Assert.Equal("debian:12", i.Image));
        Assert.Equal(8, invocations[0].Line);
    }
}
