using Serilog;
using Serilog.Core;
using Serilog.Events;

namespace Kairos.Stages.Cli.Terminal;

/// <summary>
/// The Serilog logger actions log through: the console's stderr, level from -l (KAIROS-INIT_DEBUG/TRACE
/// force debug/trace like kairos-init); <c>--quiet</c> keeps warnings and errors; on a live terminal the
/// lines go to the given writer, above the status line.
/// </summary>
public static class Logging
{
    public static Logger Create(string level, bool quiet = false, TextWriter? writer = null)
    {
        var minimum = level switch
        {
            "trace" => LogEventLevel.Verbose,
            "debug" => LogEventLevel.Debug,
            "warn" => LogEventLevel.Warning,
            "error" => LogEventLevel.Error,
            _ => LogEventLevel.Information,
        };
        if (!string.IsNullOrEmpty(Environment.GetEnvironmentVariable("KAIROS-INIT_TRACE")))
        {
            minimum = LogEventLevel.Verbose;
        }
        else if (!string.IsNullOrEmpty(Environment.GetEnvironmentVariable("KAIROS-INIT_DEBUG")))
        {
            minimum = LogEventLevel.Debug;
        }

        if (quiet && minimum < LogEventLevel.Warning)
        {
            minimum = LogEventLevel.Warning;
        }

        const string template = "    {Level:u3} {Message:lj}{NewLine}{Exception}";
        var configuration = new LoggerConfiguration().MinimumLevel.Is(minimum);
        return (writer is null
                ? configuration.WriteTo.Console(outputTemplate: template, standardErrorFromLevel: LogEventLevel.Verbose)
                : configuration.WriteTo.Sink(new LiveLogSink(writer, template)))
            .CreateLogger();
    }
}
