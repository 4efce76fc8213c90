namespace Kairos.Stages.Target.Context;

/// <summary>Parses os-release text into the fields we use (<see cref="KeyValueFile"/> does the lines).</summary>
public static class OsReleaseParser
{
    public static OsRelease Parse(string text)
    {
        var values = KeyValueFile.Parse(text);
        string Get(string key) => values.GetValueOrDefault(key, "");
        return new OsRelease
        {
            Id = Get("ID"),
            IdLike = Get("ID_LIKE").Split(' ', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries),
            VersionId = Get("VERSION_ID"),
            VersionCodename = Get("VERSION_CODENAME"),
            PrettyName = Get("PRETTY_NAME"),
            Name = Get("NAME"),
            All = values,
        };
    }
}
