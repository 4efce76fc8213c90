using Serilog;
using Serilog.Core;
using Serilog.Events;

namespace Kairos.Stages.Cli;

/// <summary>The Serilog logger actions log through: the console's stderr, level from -l (KAIROS-INIT_DEBUG/TRACE force debug/trace like kairos-init).</summary>
public static class Logging
{
    public static Logger Create(string level)
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

        return new LoggerConfiguration()
            .MinimumLevel.Is(minimum)
            .WriteTo.Console(outputTemplate: "    {Level:u3} {Message:lj}{NewLine}{Exception}", standardErrorFromLevel: LogEventLevel.Verbose)
            .CreateLogger();
    }
}
