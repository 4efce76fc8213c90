using Serilog.Core;
using Serilog.Events;
using Serilog.Formatting.Display;

namespace Kairos.Stages.Cli.Terminal;

/// <summary>A Serilog sink that formats each event with the console's template and writes it to a writer (the live terminal's log writer).</summary>
internal sealed class LiveLogSink(TextWriter writer, string template) : ILogEventSink
{
    private readonly MessageTemplateTextFormatter _formatter = new(template);

    public void Emit(LogEvent logEvent)
    {
        lock (_formatter)
        {
            _formatter.Format(logEvent, writer);
            writer.Flush();
        }
    }
}
