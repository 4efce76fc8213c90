using Kairos.Stages.FrontEnd.Diagnostics;
using YamlDotNet.Core;

namespace Kairos.Stages.FrontEnd.Loading.Yaml;

/// <summary>Reads the first YAML document into <see cref="YNode"/>s with positions; never throws.</summary>
public static class YamlReader
{
    public static YamlReadResult Read(string path, string text)
    {
        var bag = new DiagnosticBag();
        if (SourceTextChecks.Check(path, text, bag))
        {
            return new(null, bag.Items, true);
        }

        var parser = new Parser(new StringReader(text));
        var builder = new YamlTreeBuilder(path, parser, bag);
        YNode? root = null;
        var documentDone = false;
        try
        {
            root = builder.ReadFirstDocument();
            documentDone = true;
            builder.CheckForMoreDocuments();
        }
        catch (YamlTreeAbort)
        {
            return new(null, bag.Items, true);
        }
        catch (YamlException ex)
        {
            if (documentDone)
            {
                bag.Warning(At(path, ex.Start), DiagnosticCodes.ExtraDocument, "content after the first YAML document is ignored (and it is not valid YAML either)");
                return new(root, bag.Items, false);
            }

            bag.Error(SyntaxErrorLocation(path, text, ex), DiagnosticCodes.YamlSyntax, SyntaxMessage(text, ex));
            return new(null, bag.Items, true);
        }
        catch (Exception)
        {
            // YamlDotNet's scanner sometimes fails with a non-YAML exception on broken flow collections.
            bag.Error(builder.LastPosition, DiagnosticCodes.YamlSyntax, "invalid YAML: the parser cannot continue after this point (an unclosed bracket, brace or quote?)");
            return new(null, bag.Items, true);
        }

        // Duplicate keys and bad merges are errors, but the tree is still worth decoding for more findings.
        return new(root, bag.Items, root is null && bag.HasErrors);
    }

    internal static SourceSpan At(string path, Mark mark) =>
        new(path, Math.Max(1, (int)Math.Min(int.MaxValue, mark.Line)), Math.Max(1, (int)Math.Min(int.MaxValue, mark.Column)));

    private static SourceSpan SyntaxErrorLocation(string path, string text, YamlException ex)
    {
        var tab = FindTab(text, ex);
        return tab is { } t ? new SourceSpan(path, t.Line, t.Column) : At(path, ex.Start);
    }

    /// <summary>A tab in the indentation at or before the error; YamlDotNet may report tab errors without a position.</summary>
    private static (int Line, int Column)? FindTab(string text, YamlException ex) =>
        TabIndentation.Find(text, ex.Start.Line)
        ?? (ex.Message.Contains("tab", StringComparison.OrdinalIgnoreCase) ? TabIndentation.Find(text, long.MaxValue) : null);

    private static string SyntaxMessage(string text, YamlException ex)
    {
        if (FindTab(text, ex) is not null)
        {
            return "a tab is used for indentation; YAML allows only spaces there";
        }

        // YamlDotNet prefixes "(Line: 1, Col: 2, Idx: 3) - (…): "; the position is already in the diagnostic.
        var message = ex.Message;
        var cut = message.IndexOf("): ", StringComparison.Ordinal);
        message = cut >= 0 && message.StartsWith("(Line", StringComparison.Ordinal) ? message[(cut + 3)..] : message;
        return $"invalid YAML: {message.TrimEnd('.')}";
    }
}
