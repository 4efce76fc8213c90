using System.Globalization;

namespace Kairos.Stages.Target.Platform;

/// <summary>
/// One thing a <see cref="RecordingTarget"/> was asked to do, in order: a command (the script and
/// its extra environment) or a change to the root (a path and what was set on it). Reads are not recorded.
/// </summary>
public sealed record JournalEntry(JournalOperation Operation, string Subject)
{
    /// <summary>Extra environment of a command.</summary>
    public IReadOnlyDictionary<string, string> Environment { get; init; } = new Dictionary<string, string>(StringComparer.Ordinal);

    public UnixFileMode? Mode { get; init; }

    public int? Uid { get; init; }

    public int? Gid { get; init; }

    /// <summary>Size in bytes of written content.</summary>
    public long? Size { get; init; }

    /// <summary>Lower-case hex SHA-256 of written content.</summary>
    public string? Sha256 { get; init; }

    /// <summary>Where a created symlink points, as written.</summary>
    public string? LinkTarget { get; init; }

    /// <summary>One line (a multi-line script continues on lines indented by four spaces), stable for golden files.</summary>
    public override string ToString() => Operation switch
    {
        JournalOperation.Run => $"run{EnvironmentText()}: {Subject.Replace("\n", "\n    ", StringComparison.Ordinal)}",
        JournalOperation.WriteFile => $"write {Subject} {Octal()} {Uid}:{Gid} {Size} bytes sha256:{Sha256}",
        JournalOperation.CreateDirectory => $"mkdir {Subject} {Octal()} {Uid}:{Gid}",
        JournalOperation.SetMode => $"chmod {Subject} {Octal()}",
        JournalOperation.SetOwner => $"chown {Subject} {Uid}:{Gid}",
        JournalOperation.Delete => $"remove {Subject}",
        JournalOperation.CreateSymlink => $"symlink {Subject} -> {LinkTarget}",
        _ => $"{Operation} {Subject}",
    };

    private string Octal() => "0" + Convert.ToString((int)(Mode ?? 0) & 0xFFF, 8).PadLeft(3, '0');

    private string EnvironmentText() => Environment.Count == 0
        ? string.Empty
        : " [" + string.Join(' ', Environment.OrderBy(e => e.Key, StringComparer.Ordinal).Select(e => string.Create(CultureInfo.InvariantCulture, $"{e.Key}={e.Value}"))) + "]";
}
