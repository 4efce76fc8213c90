namespace Kairos.Stages.Target.Platform;

/// <summary>The errno values the platform code reacts to (identical on x86_64 and arm64).</summary>
internal static class Errno
{
    public const int NoEntry = 2;
    public const int Interrupted = 4;
    public const int WouldBlock = 11;
    public const int Exists = 17;
    public const int CrossDevice = 18;
    public const int NotDirectory = 20;
    public const int IsDirectory = 21;
    public const int Invalid = 22;
    public const int NoSystemCall = 38;
    public const int NotEmpty = 39;
    public const int Loop = 40;
    public const int NotSupported = 95;
}
