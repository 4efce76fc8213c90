namespace Kairos.Factory.Jobs;

/// <summary>A pipeline step failed: the message names the step, the command and its exit code (the log holds the output).</summary>
public sealed class StepFailedException(string message) : Exception(message);
