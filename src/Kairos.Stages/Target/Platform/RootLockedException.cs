namespace Kairos.Stages.Target.Platform;

/// <summary>Another run holds the lock on the same root.</summary>
public sealed class RootLockedException : IOException
{
    public RootLockedException(string root, int? holderPid)
        : base($"another kairos-stages run{(holderPid is { } pid ? $" (pid {pid})" : string.Empty)} is working on {root}; wait for it to finish or stop it")
    {
        Root = root;
        HolderPid = holderPid;
    }

    public RootLockedException()
        : this("?", (int?)null)
    {
    }

    public RootLockedException(string message)
        : base(message)
    {
        Root = "?";
    }

    public RootLockedException(string message, Exception innerException)
        : base(message, innerException)
    {
        Root = "?";
    }

    public string Root { get; } = "?";

    public int? HolderPid { get; }
}
