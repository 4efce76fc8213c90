namespace Kairos.Stages.Target.Context;

/// <summary>The detected distribution, with kairos-init's family mapping.</summary>
public sealed record Distro
{
    /// <summary>kairos-init distro id: ubuntu, debian, fedora, rocky, almalinux, rhel, opensuse-leap, alpine, …, or unknown.</summary>
    public string Id { get; init; } = "unknown";

    /// <summary>debian, redhat, suse, alpine, arch, hadron or unknown.</summary>
    public string Family { get; init; } = "unknown";

    public IReadOnlyList<string> IdLike { get; init; } = [];

    /// <summary>VERSION_ID (Alpine cut to major.minor).</summary>
    public string Version { get; init; } = "";

    public string Codename { get; init; } = "";

    /// <summary>PRETTY_NAME, falling back to NAME; what <c>only_os</c> matches.</summary>
    public string PrettyName { get; init; } = "";

    public OsRelease OsRelease { get; init; } = new();
}
