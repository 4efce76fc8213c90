using Kairos.Stages.Engine.Steps;

namespace Kairos.Stages.Engine.Actions;

/// <summary>Collects an action's failures and warnings; tells the action when fail-fast means stop.</summary>
internal sealed class OutcomeBuilder
{
    private readonly ActionContext _context;
    private readonly string _key;
    private readonly List<ActionFailure> _failures = [];
    private readonly List<string> _warnings = [];
    private readonly List<DownloadRecord> _downloads = [];

    public OutcomeBuilder(ActionContext context, string key)
    {
        _context = context;
        _key = key;
    }

    public bool Failed => _failures.Count > 0;

    /// <summary>Records a failure; returns true when the action must stop now (fail-fast).</summary>
    public bool Fail(ActionFailure failure)
    {
        _failures.Add(failure);
        _context.Log.Debug("{Key}: {Message}", _key, failure.Message);
        return _context.FailFast;
    }

    public bool Fail(string message) => Fail(new ActionFailure(message));

    public void Warn(string message)
    {
        _warnings.Add(message);
        _context.Log.Warning("{Key}: {Message}", _key, message);
    }

    public void Record(DownloadRecord download) => _downloads.Add(download);

    /// <summary>Renders with yip's run-time templates, turning a template error into a warning.</summary>
    public string Render(string text) => _context.Templates.Render(text, Warn);

    public ActionOutcome Build() => new() { Failures = [.. _failures], Warnings = [.. _warnings], Downloads = [.. _downloads] };
}
