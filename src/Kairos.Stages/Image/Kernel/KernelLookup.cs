namespace Kairos.Stages.Image.Kernel;

/// <summary>Either the chosen kernel or the reason none could be chosen.</summary>
public sealed record KernelLookup
{
    private KernelLookup(KernelChoice? choice, string? error)
    {
        Choice = choice;
        Error = error;
    }

    public KernelChoice? Choice { get; }

    /// <summary>Why no kernel was chosen (e.g. <c>no kernel versions found in /lib/modules</c>); null when found.</summary>
    public string? Error { get; }

    public bool Found => Choice is not null;

    public static KernelLookup Of(KernelChoice choice) => new(choice, null);

    public static KernelLookup Failed(string error) => new(null, error);
}
