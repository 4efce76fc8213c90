namespace Kairos.Stages.FrontEnd.Rendering.Functions;

/// <summary>Protects text that yip writes with <c>files:</c> from yip's own run-time Go-template pass.</summary>
public static class YipEscape
{
    private const string Open = "{{";
    private const string Literal = "{{ \"{{\" }}";

    /// <summary>Each <c>{{</c> becomes a Go-template action printing <c>{{</c>, so the file lands in the image verbatim.</summary>
    public static string Escape(string? text) =>
        string.IsNullOrEmpty(text) ? "" : text.Replace(Open, Literal, StringComparison.Ordinal);
}
