using Kairos.Stages.Engine.Steps;

namespace Kairos.Stages.Engine.Actions;

/// <summary>The answer of keys that only make sense on a booted machine (layout, datasource, git, unpack_images).</summary>
internal static class BootTimeOnly
{
    public static Task<ActionOutcome> Refuse(string key, ActionContext context) =>
        Task.FromResult(ActionOutcome.Failed(new ActionFailure(context.BuildTime
            ? $"'{key}' is a boot-time key; use it in a /system/oem cloud-config instead"
            : $"'{key}' is not implemented by kairos-stages; run it with yip on the booted system")));
}
