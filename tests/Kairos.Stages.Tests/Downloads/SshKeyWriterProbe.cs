namespace Kairos.Stages.Tests.Downloads;

/// <summary>Exposes the internal key-source rule as a string for theory data.</summary>
public static class SshKeyWriterProbe
{
    public static string? SourceOf(string key) => Kairos.Stages.Engine.Actions.SshKeyWriter.SourceOf(key)?.ToString();
}
