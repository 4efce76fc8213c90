using System.Globalization;

namespace Kairos.Stages.FrontEnd.Loading.Yaml;

/// <summary>How a plain scalar resolves, the way yaml.v3 (YAML 1.2 core plus 1.1 bools) reads it.</summary>
public static class ScalarKinds
{
    private static readonly string[] TrueWords = ["true", "True", "TRUE", "y", "Y", "yes", "Yes", "YES", "on", "On", "ON"];
    private static readonly string[] FalseWords = ["false", "False", "FALSE", "n", "N", "no", "No", "NO", "off", "Off", "OFF"];

    public static bool? ParseBool(string text) =>
        TrueWords.Contains(text) ? true : FalseWords.Contains(text) ? false : null;

    /// <summary>Go <c>strconv.ParseInt(s, 0, 64)</c> after removing underscores: 0644 octal, 0o, 0x, 0b prefixes.</summary>
    public static bool TryParseGoInteger(string text, out long value)
    {
        value = 0;
        var s = text.Replace("_", "", StringComparison.Ordinal);
        var negative = false;
        if (s.StartsWith('+') || s.StartsWith('-'))
        {
            negative = s[0] == '-';
            s = s[1..];
        }

        if (s.Length == 0)
        {
            return false;
        }

        var (digits, radix) = s.Length > 1 && s[0] == '0'
            ? char.ToLowerInvariant(s[1]) switch
            {
                'x' => (s[2..], 16),
                'o' => (s[2..], 8),
                'b' => (s[2..], 2),
                _ => (s[1..], 8),
            }
            : (s, 10);
        if (digits.Length == 0 || !TryParseRadix(digits, radix, out var magnitude))
        {
            return false;
        }

        value = negative ? -magnitude : magnitude;
        return true;
    }

    private static bool TryParseRadix(string digits, int radix, out long value)
    {
        value = 0;
        foreach (var c in digits)
        {
            var d = char.IsAsciiDigit(c) ? c - '0' : char.IsAsciiLetter(c) ? char.ToLowerInvariant(c) - 'a' + 10 : 99;
            if (d >= radix || value > (long.MaxValue - d) / radix)
            {
                return false;
            }

            value = (value * radix) + d;
        }

        return true;
    }

    public static bool TryParseFloat(string text, out double value)
    {
        value = 0;
        var s = text.Replace("_", "", StringComparison.Ordinal);
        return s.Length > 0 && (char.IsAsciiDigit(s[0]) || s[0] is '-' or '+' or '.')
            && double.TryParse(s, NumberStyles.Float, CultureInfo.InvariantCulture, out value)
            && double.IsFinite(value);
    }

    public static bool IsNumber(string text) => TryParseGoInteger(text, out _) || TryParseFloat(text, out _);
}
