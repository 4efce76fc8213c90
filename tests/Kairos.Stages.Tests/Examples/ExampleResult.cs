namespace Kairos.Stages.Tests.Examples;

/// <summary>What one example call did: whether it met its expectation, its exit code, the command line as run, and its output.</summary>
public sealed record ExampleResult(bool Passed, int Code, string CommandLine, string Output, string Error)
{
    public override string ToString() => $"kairos-stages {CommandLine} → exit {Code}\n{Error}\n{Output}";
}
