using Kairos.Stages.FrontEnd.Diagnostics;

namespace Kairos.Stages.FrontEnd.Loading.Yaml;

/// <summary>Rejects text that is not a YAML file at all: binary content, bad UTF-8, oversized input.</summary>
internal static class SourceTextChecks
{
    /// <summary>Returns true when the text must not be parsed.</summary>
    public static bool Check(string path, string text, DiagnosticBag bag)
    {
        if (text.Length > YamlLimits.MaxFileLength)
        {
            bag.Error(new SourceSpan(path, 1, 1), DiagnosticCodes.InvalidText, $"file is larger than {YamlLimits.MaxFileLength} characters");
            return true;
        }

        var line = 1;
        var column = 1;
        foreach (var c in text)
        {
            var problem = c switch
            {
                '\uFFFD' => "invalid UTF-8 (the text holds a byte sequence that is not UTF-8)",
                '\0' => "binary content (a NUL byte); this is not a text file",
                < ' ' and not ('\t' or '\n' or '\r') => $"binary content (control character U+{(int)c:X4}); this is not a text file",
                _ => null,
            };
            if (problem is not null)
            {
                bag.Error(new SourceSpan(path, line, column), DiagnosticCodes.InvalidText, problem);
                return true;
            }

            (line, column) = c == '\n' ? (line + 1, 1) : (line, column + 1);
        }

        return false;
    }
}
