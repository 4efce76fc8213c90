namespace Kairos.Stages.Tests.Examples;

/// <summary>A test case: one call of the tool from an example, or the reason its Dockerfile could not be evaluated.</summary>
public sealed record ExampleCase(string Name, ExampleInvocation? Invocation, string? Error = null);
