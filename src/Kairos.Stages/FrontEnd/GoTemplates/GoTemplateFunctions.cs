using System.Text;

namespace Kairos.Stages.FrontEnd.GoTemplates;

/// <summary>The Sprig functions this subset supports: trunc, default, lower, upper, replace, quote, trim, env.</summary>
internal static class GoTemplateFunctions
{
    public static readonly IReadOnlyList<string> Names = ["trunc", "default", "lower", "upper", "replace", "quote", "trim", "env"];

    public static object? Call(string name, IReadOnlyList<object?> args) => name switch
    {
        "trunc" => Trunc(Arity(name, args, 2)),
        "default" => Default(args),
        "lower" => String(name, Arity(name, args, 1)[0]).ToLowerInvariant(),
        "upper" => String(name, Arity(name, args, 1)[0]).ToUpperInvariant(),
        "trim" => String(name, Arity(name, args, 1)[0]).Trim(),
        "replace" => Replace(Arity(name, args, 3)),
        "quote" => string.Join(' ', args.Where(a => a is not null).Select(a => Quote(TemplateEvaluator.Print(a)))),
        "env" => Environment.GetEnvironmentVariable(String(name, Arity(name, args, 1)[0])) ?? "",
        _ => throw new TemplateException($"function \"{name}\" not defined"),
    };

    public static string TypeName(object? value) => value switch
    {
        null => "nil",
        string => "string",
        long or int => "int",
        double => "float64",
        bool => "bool",
        IReadOnlyDictionary<string, object?> => "map[string]interface {}",
        _ => value.GetType().Name,
    };

    private static IReadOnlyList<object?> Arity(string name, IReadOnlyList<object?> args, int count) =>
        args.Count == count ? args : throw new TemplateException($"wrong number of args for {name}: want {count} got {args.Count}");

    private static string String(string name, object? value) => value switch
    {
        string s => s,
        null => throw new TemplateException($"error calling {name}: invalid value; expected string"),
        _ => throw new TemplateException($"error calling {name}: wrong type for value; expected string; got {TypeName(value)}"),
    };

    private static string Trunc(IReadOnlyList<object?> args)
    {
        var count = args[0] switch
        {
            long l => l,
            int i => i,
            _ => throw new TemplateException($"error calling trunc: wrong type for value; expected int; got {TypeName(args[0])}"),
        };
        var text = String("trunc", args[1]);
        if (count < 0 && text.Length + count > 0)
        {
            return text[(int)(text.Length + count)..];
        }

        return count >= 0 && text.Length > count ? text[..(int)count] : text;
    }

    private static object? Default(IReadOnlyList<object?> args)
    {
        if (args.Count is < 1 or > 2)
        {
            throw new TemplateException($"wrong number of args for default: want 1 or 2 got {args.Count}");
        }

        var given = args.Count == 2 ? args[1] : null;
        var empty = given switch
        {
            null => true,
            string s => s.Length == 0,
            long l => l == 0,
            double d => d == 0,
            bool b => !b,
            IReadOnlyDictionary<string, object?> m => m.Count == 0,
            _ => false,
        };
        return empty ? args[0] : given;
    }

    private static string Replace(IReadOnlyList<object?> args)
    {
        var old = String("replace", args[0]);
        var replacement = String("replace", args[1]);
        var text = String("replace", args[2]);
        return old.Length == 0 ? InsertEverywhere(text, replacement) : text.Replace(old, replacement, StringComparison.Ordinal);
    }

    private static string InsertEverywhere(string text, string insert)
    {
        // Go's strings.Replace with an empty old string inserts before every rune and at the end.
        var builder = new StringBuilder(insert);
        foreach (var c in text)
        {
            builder.Append(c).Append(insert);
        }

        return builder.ToString();
    }

    private static string Quote(string text)
    {
        var builder = new StringBuilder("\"");
        foreach (var c in text)
        {
            builder.Append(c switch
            {
                '"' => "\\\"",
                '\\' => "\\\\",
                '\n' => "\\n",
                '\r' => "\\r",
                '\t' => "\\t",
                < ' ' => $"\\x{(int)c:x2}",
                _ => c.ToString(),
            });
        }

        return builder.Append('"').ToString();
    }
}
