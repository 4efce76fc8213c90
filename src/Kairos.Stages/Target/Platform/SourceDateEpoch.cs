namespace Kairos.Stages.Target.Platform;

/// <summary>Reads <c>SOURCE_DATE_EPOCH</c> (reproducible-builds.org): seconds since 1970 for file mtimes.</summary>
public static class SourceDateEpoch
{
    public const string VariableName = "SOURCE_DATE_EPOCH";

    /// <summary>The time the variable names, or null when unset, empty or not a non-negative integer.</summary>
    public static DateTimeOffset? Parse(string? value) =>
        long.TryParse(value, System.Globalization.NumberStyles.None, null, out var seconds)
            ? DateTimeOffset.FromUnixTimeSeconds(seconds)
            : null;

    public static DateTimeOffset? FromEnvironment() => Parse(Environment.GetEnvironmentVariable(VariableName));
}
