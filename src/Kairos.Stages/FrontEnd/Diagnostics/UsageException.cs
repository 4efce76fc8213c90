namespace Kairos.Stages.FrontEnd.Diagnostics;

/// <summary>
/// The request itself is wrong (a flag, a path, a refused root, a root another run holds): nothing
/// was executed. The CLI prints the message and exits 2; the Factory answers 400.
/// </summary>
public sealed class UsageException : Exception
{
    public UsageException()
    {
    }

    public UsageException(string message)
        : base(message)
    {
    }

    public UsageException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
