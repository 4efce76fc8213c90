namespace Kairos.Stages.Cli.Terminal;

/// <summary>
/// The one line a terminal redraws under the finished steps: drawn with a carriage return and
/// erase-line, never longer than the terminal is wide (a wrapped line cannot be redrawn), and
/// cleared before any other text is written, so finished lines and log lines stay whole.
/// </summary>
internal sealed class LiveStatusLine(TextWriter error, int width)
{
    private const string Erase = "\r\u001b[2K";
    private readonly Lock _gate = new();
    private bool _drawn;

    public void Draw(string text)
    {
        lock (_gate)
        {
            error.Write(Erase + Fit(text));
            error.Flush();
            _drawn = true;
        }
    }

    public void WriteLine(string text)
    {
        lock (_gate)
        {
            Clear();
            error.WriteLine(text);
        }
    }

    public void Clear()
    {
        lock (_gate)
        {
            if (_drawn)
            {
                error.Write(Erase);
                error.Flush();
                _drawn = false;
            }
        }
    }

    private string Fit(string text)
    {
        var flat = text.ReplaceLineEndings(" ");
        return flat.Length < width ? flat : flat[..Math.Max(0, width - 2)] + "…";
    }
}
