using Kairos.Stages.FrontEnd.Diagnostics;

namespace Kairos.Stages.FrontEnd.Model;

/// <summary>A <c>users.&lt;login&gt;</c> entry; the map key is the login name.</summary>
public sealed record User
{
    public SourceSpan Location { get; init; }
    public string Name { get; init; } = "";
    public string Passwd { get; init; } = "";
    public IReadOnlyList<string> SshAuthorizedKeys { get; init; } = [];
    public string Gecos { get; init; } = "";
    public string Homedir { get; init; } = "";
    public bool NoCreateHome { get; init; }
    public string PrimaryGroup { get; init; } = "";
    public IReadOnlyList<string> Groups { get; init; } = [];
    public bool NoUserGroup { get; init; }
    public bool System { get; init; }
    public bool NoLogInit { get; init; }
    public string Shell { get; init; } = "";
    public bool LockPasswd { get; init; }
    public string Uid { get; init; } = "";
}
