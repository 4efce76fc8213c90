namespace Kairos.Stages.Target.Context;

/// <summary>Board models kairos-init knows, and which of them kairos-stages builds.</summary>
public static class KnownModels
{
    public const string Generic = "generic";

    /// <summary>kairos-init's <c>--model</c> values, in its order.</summary>
    public static IReadOnlyList<string> All { get; } =
    [
        Generic, "rpi3", "rpi4", "nvidia-jetson-agx-orin", "nvidia-jetson-orin-nx", "nvidia-jetson-thor", "nvidia-dgx-spark",
    ];

    /// <summary>Models kairos-stages builds; the NVIDIA boards are refused rather than half-built.</summary>
    public static IReadOnlyList<string> Supported { get; } = [Generic, "rpi3", "rpi4"];

    /// <summary>Every non-generic model needs an arm64 target.</summary>
    public static string? RequiredArch(string model) => model == Generic ? null : "arm64";
}
