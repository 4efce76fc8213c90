using Kairos.Stages.FrontEnd.Diagnostics;
using Kairos.Stages.FrontEnd.Loading.Yaml;

namespace Kairos.Stages.FrontEnd.Loading;

/// <summary>Integer fields decode like Go's base-0 parsing after yaml.v3: unquoted only, octal with a leading 0.</summary>
internal sealed partial class Decoder
{
    public int? Int(YNode? node, string key) => (int?)Integer(node, key, int.MinValue, int.MaxValue);

    public uint? UInt(YNode? node, string key) => (uint?)Integer(node, key, 0, uint.MaxValue);

    public ulong? ULong(YNode? node, string key) => (ulong?)Integer(node, key, 0, long.MaxValue);

    /// <summary>Permissions: a uint32 plus the warning for modes that look octal but were written as decimal.</summary>
    public uint? Permissions(YNode? node)
    {
        var value = UInt(node, "permissions");
        if (value is not null && node is YScalar s && LooksLikeDecimalMode(s.Value))
        {
            bag.Warning(s.Start, DiagnosticCodes.DecimalLookingMode,
                $"permissions {s.Value} is decimal (= 0o{Convert.ToString(value.Value, 8)}); write 0{s.Value} for an octal mode");
        }

        return value;
    }

    private static bool LooksLikeDecimalMode(string text) =>
        text.Length is 3 or 4 && text[0] != '0' && text.All(c => c is >= '0' and <= '7');

    private long? Integer(YNode? node, string key, long min, long max)
    {
        switch (node)
        {
            case null or YScalar { IsNull: true }:
                return null;
            case YScalar { IsPlain: false } q when ScalarKinds.IsNumber(q.Value.Trim()):
                bag.Error(q.Start, DiagnosticCodes.QuotedNumber, $"{key} must be an unquoted number: write {q.Value.Trim()}, not \"{q.Value}\"");
                return null;
            case YScalar { IsPlain: true } s:
                return PlainInteger(s, key, min, max);
            case YScalar s:
                bag.Error(s.Start, DiagnosticCodes.WrongType, $"'{key}' must be a number, not a string");
                return null;
            default:
                WrongType(node, key, "a number");
                return null;
        }
    }

    private long? PlainInteger(YScalar s, string key, long min, long max)
    {
        long value;
        if (ScalarKinds.TryParseGoInteger(s.Value, out var parsed))
        {
            value = parsed;
        }
        else if (ScalarKinds.TryParseFloat(s.Value, out var real) && real >= long.MinValue && real <= long.MaxValue)
        {
            value = (long)Math.Truncate(real);
        }
        else
        {
            bag.Error(s.Start, DiagnosticCodes.BadInteger, $"'{key}' must be a number, not '{Short(s.Value)}'");
            return null;
        }

        if (value < 0 && min == 0)
        {
            bag.Error(s.Start, DiagnosticCodes.NegativeNumber, $"'{key}' cannot be negative ({s.Value})");
            return null;
        }

        if (value < min || value > max)
        {
            bag.Error(s.Start, DiagnosticCodes.BadInteger, $"'{key}' value {s.Value} is out of range");
            return null;
        }

        return value;
    }
}
