namespace Kairos.Stages.Tests.Faults;

/// <summary>What a faulted run left: exit code, stderr (and stdout), mounts and processes under the root, the run record, whether the later step ran.</summary>
internal sealed record FaultOutcome(int Code, string Messages)
{
    public IReadOnlyList<string> Mounts { get; init; } = [];

    public IReadOnlyList<int> Processes { get; init; } = [];

    public string? Record { get; init; }

    /// <summary>True when the step after the fault ran: the run did not stop.</summary>
    public bool Ran { get; init; }
}
