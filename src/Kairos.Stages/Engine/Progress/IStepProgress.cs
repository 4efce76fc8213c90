namespace Kairos.Stages.Engine.Progress;

/// <summary>What an action tells about the step it is running: counted work, and output lines as they come.</summary>
public interface IStepProgress
{
    void Work(WorkProgress work);

    void Output(string line);
}
