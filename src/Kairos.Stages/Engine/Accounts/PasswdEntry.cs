namespace Kairos.Stages.Engine.Accounts;

/// <summary>One <c>/etc/passwd</c> line: <c>name:password:uid:gid:gecos:home:shell</c>.</summary>
public sealed record PasswdEntry(string Name, string Password, int Uid, int Gid, string Gecos, string Home, string Shell)
{
    public static PasswdEntry? Parse(string line)
    {
        var f = line.Split(':');
        return f.Length >= 7 && int.TryParse(f[2], out var uid) && int.TryParse(f[3], out var gid)
            ? new PasswdEntry(f[0], f[1], uid, gid, f[4], f[5], f[6])
            : null;
    }

    public override string ToString() => $"{Name}:{Password}:{Uid}:{Gid}:{Gecos}:{Home}:{Shell}";
}
