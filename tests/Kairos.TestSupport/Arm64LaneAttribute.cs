using Xunit.v3;

namespace Kairos.TestSupport;

/// <summary>
/// Marks a test class of the arm64 lane (emulated arm64 builds and boots): trait <c>Arch=arm64</c>. <c>.ci/run</c>
/// runs that lane as a process of its own beside the rest (<c>--filter "Arch=arm64"</c> and <c>"Arch!=arm64"</c>):
/// its builds run under qemu-user, mostly one core each, for tens of minutes, and fill the CPU the other lane leaves idle.
/// </summary>
[AttributeUsage(AttributeTargets.Class, AllowMultiple = false)]
public sealed class Arm64LaneAttribute : Attribute, ITraitAttribute
{
    public IReadOnlyCollection<KeyValuePair<string, string>> GetTraits() => [new("Arch", "arm64")];
}
