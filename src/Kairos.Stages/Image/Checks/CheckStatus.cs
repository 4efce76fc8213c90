namespace Kairos.Stages.Image.Checks;

/// <summary>The verdict of one finding: pass, warn (allowed, exit 0) or fail (exit 1).</summary>
public enum CheckStatus
{
    Pass,
    Warn,
    Fail,
}
