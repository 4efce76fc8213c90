namespace Kairos.Stages.Target.Downloads;

/// <summary>A download that failed for good; the message never contains credentials.</summary>
public sealed class DownloadException : Exception
{
    public DownloadException()
    {
    }

    public DownloadException(string message)
        : base(message)
    {
    }

    public DownloadException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
