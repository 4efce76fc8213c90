using System.Text;

namespace Kairos.Stages.Cli.Terminal;

/// <summary>Log output (Serilog) on a live terminal: whole lines written above the status line, never through it.</summary>
internal sealed class LiveLogWriter(LiveStatusLine status) : TextWriter
{
    private readonly StringBuilder _pending = new();

    public override Encoding Encoding => Encoding.UTF8;

    public override void Write(char value)
    {
        lock (_pending)
        {
            if (value == '\n')
            {
                status.WriteLine(_pending.ToString().TrimEnd('\r'));
                _pending.Clear();
            }
            else
            {
                _pending.Append(value);
            }
        }
    }

    public override void Write(string? value)
    {
        foreach (var c in value ?? "")
        {
            Write(c);
        }
    }
}
