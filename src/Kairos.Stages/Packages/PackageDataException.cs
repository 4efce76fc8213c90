namespace Kairos.Stages.Packages;

/// <summary>packages.yaml is malformed; the message starts with <c>file:line:col</c>.</summary>
public sealed class PackageDataException : Exception
{
    public PackageDataException()
    {
    }

    public PackageDataException(string message)
        : base(message)
    {
    }

    public PackageDataException(string message, Exception inner)
        : base(message, inner)
    {
    }
}
