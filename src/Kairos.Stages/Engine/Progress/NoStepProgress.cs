namespace Kairos.Stages.Engine.Progress;

/// <summary>Progress nobody watches (actions run outside an executor, checks, tests).</summary>
public sealed class NoStepProgress : IStepProgress
{
    public static NoStepProgress Instance { get; } = new();

    public void Work(WorkProgress work)
    {
    }

    public void Output(string line)
    {
    }
}
