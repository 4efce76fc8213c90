namespace Kairos.Stages.Target.Platform;

/// <summary>Where <see cref="ProgramRunner"/> is in stopping a cancelled (or timed-out) program.</summary>
public enum StopPhase
{
    /// <summary>SIGTERM goes to the process group now (only with a <see cref="ProgramCall.StopGrace"/>).</summary>
    Terminating,

    /// <summary>SIGKILL goes to the process group and the program now: no grace, or the grace ran out.</summary>
    Killing,

    /// <summary>Killed, yet its output stayed open (a process outside the group holds it): the runner stops waiting.</summary>
    Abandoned,
}
