namespace Kairos.Stages.Target.Platform;

/// <summary>Where actions act: a root-confined file system and a command runner inside that root.</summary>
public interface ITarget
{
    /// <summary>The root directory on the host ("/" inside a container).</summary>
    string Root { get; }

    IRootFileSystem Files { get; }

    /// <summary>Runs <c>/bin/sh -c script</c> inside the root (directly, or through chroot).</summary>
    Task<CommandResult> RunAsync(CommandRequest request, CancellationToken cancellationToken);
}
