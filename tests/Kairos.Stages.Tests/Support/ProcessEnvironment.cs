namespace Kairos.Stages.Tests.Support;

/// <summary>Tests that set process-wide environment variables (the extension directory) run alone, after every parallel collection.</summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class ProcessEnvironment
{
    public const string Name = "ProcessEnvironment";
}
