namespace Kairos.Stages.Engine.Steps;

/// <summary>yip's run-time templates: a Go text/template subset over <c>.Values</c>.</summary>
public interface IRuntimeTemplates
{
    /// <summary>Renders <paramref name="text"/>; on a template error returns the text unchanged and reports a warning (yip's behaviour).</summary>
    string Render(string text, Action<string>? warn = null);
}
