namespace Kairos.Stages.Target.Downloads;

/// <summary>A transient download failure (5xx, timeout, broken connection): worth another attempt.</summary>
internal sealed class RetryableException(string message) : Exception(message);
