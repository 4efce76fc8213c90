using Xunit.v3;

namespace Kairos.TestSupport;

/// <summary>The kinds of slow test, each a minute-scale cost the fast lane leaves out.</summary>
public enum SlowKind
{
    /// <summary>Boots a VM in QEMU (one at a time on the machine).</summary>
    Boot,

    /// <summary>Builds with a real container engine (podman, Docker).</summary>
    Engine,

    /// <summary>Builds inside a real debootstrap'd root (chroot, apt).</summary>
    Chroot,

    /// <summary>Drives a real browser against a real Factory server.</summary>
    Browser,

    /// <summary>Runs long on its own: GRUB's emulator over every entry, whole fault or mutation suites, many real tool runs.</summary>
    Long,
}

/// <summary>
/// Marks a test class (or method) as slow: traits <c>Lane=Slow</c> and <c>Slow=&lt;kind&gt;</c>. The fast lane is
/// <c>dotnet test Kairos.Stages.sln -c Release --filter "Lane!=Slow"</c>; <c>.ci/run</c> runs every lane.
/// </summary>
[AttributeUsage(AttributeTargets.Class | AttributeTargets.Method, AllowMultiple = false)]
public sealed class SlowAttribute(SlowKind kind) : Attribute, ITraitAttribute
{
    public SlowKind Kind { get; } = kind;

    public IReadOnlyCollection<KeyValuePair<string, string>> GetTraits() =>
        [new("Lane", "Slow"), new("Slow", Kind.ToString())];
}
