namespace Kairos.Stages.Target.Platform;

/// <summary>A command a <see cref="RecordingTarget"/> was asked to run: the script and the extra environment, as given.</summary>
public sealed record RecordedCommand(string Script, IReadOnlyDictionary<string, string> Environment, TimeSpan? Timeout);
