using Kairos.Stages.Target.Platform;

namespace Kairos.Stages.Engine.Accounts;

/// <summary>Read-only lookups in the target root's <c>/etc/passwd</c> and <c>/etc/group</c> (never the host's).</summary>
public sealed class AccountDatabase
{
    private AccountDatabase(IReadOnlyList<PasswdEntry> users, IReadOnlyList<GroupEntry> groups)
    {
        Users = users;
        Groups = groups;
    }

    public IReadOnlyList<PasswdEntry> Users { get; }

    public IReadOnlyList<GroupEntry> Groups { get; }

    public static AccountDatabase Load(IRootFileSystem files) => new(
        [.. Read(files, "/etc/passwd").Select(PasswdEntry.Parse).OfType<PasswdEntry>()],
        [.. Read(files, "/etc/group").Select(GroupEntry.Parse).OfType<GroupEntry>()]);

    public PasswdEntry? User(string name) => Users.FirstOrDefault(u => u.Name == name);

    public GroupEntry? Group(string name) => Groups.FirstOrDefault(g => g.Name == name);

    /// <summary>Resolves yip's <c>ownerstring</c>: <c>user</c> (with the user's primary gid) or <c>user:group</c>; names or numbers.</summary>
    public (int Uid, int Gid) ResolveOwner(string ownerString)
    {
        var parts = ownerString.Split(':', 2);
        var user = User(parts[0]);
        var uid = user?.Uid ?? (int.TryParse(parts[0], out var n) ? n
            : throw new InvalidOperationException($"user '{parts[0]}' is not in the target's /etc/passwd"));
        if (parts.Length == 1)
        {
            return (uid, user?.Gid ?? throw new InvalidOperationException($"user '{parts[0]}' has no entry in the target's /etc/passwd to take a group from"));
        }

        var gid = Group(parts[1])?.Gid ?? (int.TryParse(parts[1], out var g) ? g
            : throw new InvalidOperationException($"group '{parts[1]}' is not in the target's /etc/group"));
        return (uid, gid);
    }

    private static IEnumerable<string> Read(IRootFileSystem files, string path) =>
        files.FileExists(path) ? files.ReadAllText(path).Split('\n') : [];
}
