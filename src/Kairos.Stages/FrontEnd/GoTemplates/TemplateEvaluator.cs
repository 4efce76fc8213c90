using System.Globalization;
using System.Text;

namespace Kairos.Stages.FrontEnd.GoTemplates;

/// <summary>Executes parsed template parts against data, like Go's text/template with default options.</summary>
internal static class TemplateEvaluator
{
    public const string NoValue = "<no value>";

    public static string Execute(IReadOnlyList<TemplatePart> parts, object? data)
    {
        var output = new StringBuilder();
        foreach (var part in parts)
        {
            if (part.Text is not null)
            {
                output.Append(part.Text);
            }
            else
            {
                output.Append(Print(EvaluatePipeline(part.Pipeline!, data)));
            }
        }

        return output.ToString();
    }

    public static string Print(object? value) => value switch
    {
        null => NoValue,
        string s => s,
        bool b => b ? "true" : "false",
        long l => l.ToString(CultureInfo.InvariantCulture),
        int i => i.ToString(CultureInfo.InvariantCulture),
        double d => FormatFloat(d),
        IReadOnlyDictionary<string, object?> map =>
            "map[" + string.Join(' ', map.OrderBy(p => p.Key, StringComparer.Ordinal).Select(p => $"{p.Key}:{Print(p.Value)}")) + "]",
        _ => value.ToString() ?? "",
    };

    private static object? EvaluatePipeline(IReadOnlyList<IReadOnlyList<TemplateOperand>> pipeline, object? data)
    {
        object? piped = null;
        var hasPiped = false;
        foreach (var command in pipeline)
        {
            piped = EvaluateCommand(command, data, hasPiped, piped);
            hasPiped = true;
        }

        return piped;
    }

    private static object? EvaluateCommand(IReadOnlyList<TemplateOperand> command, object? data, bool hasPiped, object? piped)
    {
        var head = command[0];
        if (head.Kind == OperandKind.Function)
        {
            var args = command.Skip(1).Select(o => Evaluate(o, data)).ToList();
            if (hasPiped)
            {
                args.Add(piped);
            }

            return GoTemplateFunctions.Call(head.Name, args);
        }

        if (command.Count > 1 || hasPiped)
        {
            throw new TemplateException($"can't give argument to non-function {Describe(head)}");
        }

        return Evaluate(head, data);
    }

    private static object? Evaluate(TemplateOperand operand, object? data) => operand.Kind switch
    {
        OperandKind.Dot => data,
        OperandKind.Field => ResolveField(data, operand.Path),
        OperandKind.Literal => operand.Value,
        OperandKind.Pipeline => EvaluatePipeline(operand.Pipeline, data),
        OperandKind.Function => GoTemplateFunctions.Call(operand.Name, []),
        _ => throw new TemplateException("unknown operand"),
    };

    private static object? ResolveField(object? current, IReadOnlyList<string> path)
    {
        foreach (var name in path)
        {
            switch (current)
            {
                case null:
                    // Go: a missing map key yields the zero value; further fields of it stay empty.
                    return null;
                case IReadOnlyDictionary<string, object?> map:
                    current = map.TryGetValue(name, out var value) ? value : null;
                    break;
                case TemplateStruct record:
                    if (!record.TryGet(name, out current))
                    {
                        throw new TemplateException($"can't evaluate field {name} in type struct");
                    }

                    break;
                default:
                    throw new TemplateException($"can't evaluate field {name} in type {GoTemplateFunctions.TypeName(current)}");
            }
        }

        return current;
    }

    private static string Describe(TemplateOperand operand) => operand.Kind switch
    {
        OperandKind.Field => "." + string.Join('.', operand.Path),
        OperandKind.Dot => ".",
        _ => Print(operand.Value),
    };

    private static string FormatFloat(double value)
    {
        // Go's %v for float64: shortest digits, exponent form when exp < -4 or exp >= max(digit count, 6) (so 1e+06).
        if (value == 0)
        {
            return "0";
        }

        var sign = value < 0 ? "-" : "";
        var text = Math.Abs(value).ToString("E16", CultureInfo.InvariantCulture);
        var shortest = Math.Abs(value).ToString("R", CultureInfo.InvariantCulture);
        var mantissa = shortest.Split('E')[0].Replace(".", "", StringComparison.Ordinal).TrimStart('0');
        var digits = mantissa.TrimEnd('0');
        var exponent = int.Parse(text.Split('E')[1], CultureInfo.InvariantCulture);
        digits = digits.Length == 0 ? "0" : digits;
        var decimalPoint = exponent + 1;
        var eprec = digits.Length > 6 && digits.Length >= decimalPoint ? digits.Length : 6;
        if (exponent < -4 || exponent >= eprec)
        {
            var frac = digits.Length > 1 ? "." + digits[1..] : "";
            var expSign = exponent < 0 ? "-" : "+";
            return $"{sign}{digits[0]}{frac}e{expSign}{Math.Abs(exponent):00}";
        }

        if (decimalPoint <= 0)
        {
            return sign + "0." + new string('0', -decimalPoint) + digits;
        }

        return decimalPoint >= digits.Length
            ? sign + digits + new string('0', decimalPoint - digits.Length)
            : sign + digits[..decimalPoint] + "." + digits[decimalPoint..];
    }
}
