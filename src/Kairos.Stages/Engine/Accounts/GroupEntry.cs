namespace Kairos.Stages.Engine.Accounts;

/// <summary>One <c>/etc/group</c> line: <c>name:password:gid:member,member</c>.</summary>
public sealed record GroupEntry(string Name, string Password, int Gid, IReadOnlyList<string> Members)
{
    public static GroupEntry? Parse(string line)
    {
        var f = line.Split(':');
        return f.Length >= 4 && int.TryParse(f[2], out var gid)
            ? new GroupEntry(f[0], f[1], gid, f[3].Split(',', StringSplitOptions.RemoveEmptyEntries))
            : null;
    }

    public override string ToString() => $"{Name}:{Password}:{Gid}:{string.Join(',', Members)}";
}
