namespace Kairos.Stages.Target.Context;

/// <summary>kairos-init's distro detection: ID first, then ID_LIKE tokens left to right, family markers last per token.</summary>
public static class DistroDetector
{
    public static Distro Detect(OsRelease release)
    {
        var (id, family) = FromIds(release.Id, release.IdLike);
        var version = release.VersionId;
        if (id == "alpine" && version.Split('.') is { Length: 3 } parts)
        {
            version = $"{parts[0]}.{parts[1]}";
        }

        return new Distro
        {
            Id = id,
            Family = family,
            IdLike = release.IdLike,
            Version = version,
            Codename = release.VersionCodename,
            PrettyName = release.PrettyName.Length > 0 ? release.PrettyName : release.Name,
            OsRelease = release,
        };
    }

    /// <summary>(distro, family) from ID and ID_LIKE; (unknown, unknown) when nothing is known.</summary>
    public static (string Distro, string Family) FromIds(string id, IEnumerable<string> idLike)
    {
        if (KnownDistros.Families.TryGetValue(id, out var family))
        {
            return (id, family);
        }

        foreach (var token in idLike)
        {
            if (KnownDistros.Families.TryGetValue(token, out family))
            {
                return (token, family);
            }

            if (KnownDistros.FamilyMarkers.TryGetValue(token, out var distro))
            {
                return (distro, token);
            }
        }

        return (KnownDistros.Unknown, KnownDistros.Unknown);
    }
}
