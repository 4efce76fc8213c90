using Kairos.Stages.FrontEnd.Diagnostics;

namespace Kairos.Stages.FrontEnd.Model;

/// <summary>One yip step (yip's Go type is called <c>Stage</c>): conditions plus actions.</summary>
public sealed record Step
{
    public SourceSpan Location { get; init; }

    public string Name { get; init; } = "";
    public IReadOnlyList<StepRef> After { get; init; } = [];

    // Conditions
    public string? If { get; init; }
    public string? Node { get; init; }
    public string? OnlyOs { get; init; }
    public string? OnlyOsVersion { get; init; }
    public string? OnlyArch { get; init; }
    public string? OnlyServiceManager { get; init; }
    public IfFiles? IfFiles { get; init; }

    // Actions
    public IReadOnlyList<string> Commands { get; init; } = [];
    public IReadOnlyList<FileEntry> Files { get; init; } = [];
    public IReadOnlyList<Download> Downloads { get; init; } = [];
    public IReadOnlyList<DirectoryEntry> Directories { get; init; } = [];
    public IReadOnlyList<YipEntity> EnsureEntities { get; init; } = [];
    public IReadOnlyList<YipEntity> DeleteEntities { get; init; } = [];
    public Dns? Dns { get; init; }
    public string? Hostname { get; init; }
    public IReadOnlyList<KeyValue> Sysctl { get; init; } = [];
    public IReadOnlyList<AuthorizedKeys> AuthorizedKeys { get; init; } = [];
    public IReadOnlyList<User> Users { get; init; } = [];
    public IReadOnlyList<string> Modules { get; init; } = [];
    public Systemctl? Systemctl { get; init; }
    public IReadOnlyList<KeyValue> Environment { get; init; } = [];
    public string? EnvironmentFile { get; init; }
    public IReadOnlyList<KeyValue> Timesyncd { get; init; } = [];
    public IReadOnlyList<KeyValue> SystemdFirstboot { get; init; } = [];
    public DataSource? Datasource { get; init; }
    public Layout? Layout { get; init; }
    public Git? Git { get; init; }
    public Packages? Packages { get; init; }
    public IReadOnlyList<KeyValue> PackagePins { get; init; } = [];
    public IReadOnlyList<UnpackImage> UnpackImages { get; init; } = [];

    /// <summary>Where each key present in the source sits, by yip key name (for precise messages).</summary>
    public IReadOnlyDictionary<string, SourceSpan> KeyLocations { get; init; } =
        new Dictionary<string, SourceSpan>(StringComparer.Ordinal);

    public SourceSpan LocationOf(string key) =>
        KeyLocations.TryGetValue(key, out var at) ? at : Location;

    /// <summary>Where each key's value sits, by yip key name; the items of a list value under <c>key[index]</c>.</summary>
    public IReadOnlyDictionary<string, SourceSpan> ValueLocations { get; init; } =
        new Dictionary<string, SourceSpan>(StringComparer.Ordinal);

    /// <summary>The value of <paramref name="key"/> (what a diagnostic about the value points at); the key when unknown.</summary>
    public SourceSpan ValueLocationOf(string key) =>
        ValueLocations.TryGetValue(key, out var at) ? at : LocationOf(key);

    /// <summary>Item <paramref name="index"/> of the list value of <paramref name="key"/>; the value when unknown.</summary>
    public SourceSpan ItemLocationOf(string key, int index) =>
        ValueLocations.TryGetValue($"{key}[{index}]", out var at) ? at : ValueLocationOf(key);
}
