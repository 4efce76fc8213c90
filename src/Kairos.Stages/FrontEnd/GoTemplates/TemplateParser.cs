namespace Kairos.Stages.FrontEnd.GoTemplates;

/// <summary>Splits Go-template text into text and actions, honouring <c>{{-</c> and <c>-}}</c> trimming.</summary>
internal static class TemplateParser
{
    private static readonly HashSet<string> Keywords =
        ["if", "else", "end", "range", "with", "define", "template", "block", "break", "continue"];

    public static IReadOnlyList<TemplatePart> Parse(string text)
    {
        var parts = new List<TemplatePart>();
        var position = 0;
        var trimNext = false;
        while (position <= text.Length)
        {
            var open = text.IndexOf("{{", position, StringComparison.Ordinal);
            var literal = open < 0 ? text[position..] : text[position..open];
            if (trimNext)
            {
                literal = literal.TrimStart(' ', '\t', '\r', '\n');
            }

            if (open < 0)
            {
                AddText(parts, literal);
                break;
            }

            var bodyStart = open + 2;
            if (bodyStart + 1 < text.Length && text[bodyStart] == '-' && IsSpace(text[bodyStart + 1]))
            {
                literal = literal.TrimEnd(' ', '\t', '\r', '\n');
                bodyStart += 2;
            }

            AddText(parts, literal);
            var close = FindClose(text, bodyStart);
            var body = text[bodyStart..close];
            trimNext = false;
            if (body.Length >= 2 && body[^1] == '-' && IsSpace(body[^2]))
            {
                trimNext = true;
                body = body[..^2];
            }

            var trimmed = body.Trim();
            if (trimmed.StartsWith("/*", StringComparison.Ordinal))
            {
                if (!trimmed.EndsWith("*/", StringComparison.Ordinal))
                {
                    throw new TemplateException("unclosed comment");
                }
            }
            else
            {
                var tokens = TemplateLexer.Tokenize(body);
                var index = 0;
                var pipeline = ParsePipeline(tokens, ref index);
                if (index != tokens.Count)
                {
                    throw new TemplateException($"unexpected \"{tokens[index]}\" in action");
                }

                parts.Add(new TemplatePart(null, pipeline));
            }

            position = close + 2;
        }

        return parts;
    }

    private static void AddText(List<TemplatePart> parts, string literal)
    {
        if (literal.Length > 0)
        {
            parts.Add(new TemplatePart(literal, null));
        }
    }

    private static int FindClose(string text, int from)
    {
        var quote = '\0';
        for (var i = from; i < text.Length - 1; i++)
        {
            var c = text[i];
            if (quote != '\0')
            {
                if (c == '\\' && quote == '"')
                {
                    i++;
                }
                else if (c == quote)
                {
                    quote = '\0';
                }
            }
            else if (c is '"' or '`')
            {
                quote = c;
            }
            else if (c == '}' && text[i + 1] == '}')
            {
                return i;
            }
        }

        throw new TemplateException("unclosed action");
    }

    private static List<IReadOnlyList<TemplateOperand>> ParsePipeline(IReadOnlyList<string> tokens, ref int index)
    {
        var commands = new List<IReadOnlyList<TemplateOperand>>();
        var command = new List<TemplateOperand>();
        while (index < tokens.Count && tokens[index] != ")")
        {
            var token = tokens[index++];
            if (token == "|")
            {
                if (command.Count == 0)
                {
                    throw new TemplateException("missing command before '|'");
                }

                commands.Add(command);
                command = [];
                continue;
            }

            command.Add(ParseOperand(token, tokens, ref index));
        }

        if (command.Count == 0)
        {
            throw new TemplateException(commands.Count == 0 ? "missing value for command" : "missing command after '|'");
        }

        commands.Add(command);
        return commands;
    }

    private static TemplateOperand ParseOperand(string token, IReadOnlyList<string> tokens, ref int index)
    {
        if (token == "(")
        {
            var inner = ParsePipeline(tokens, ref index);
            if (index >= tokens.Count || tokens[index] != ")")
            {
                throw new TemplateException("unclosed left paren");
            }

            index++;
            return new TemplateOperand(OperandKind.Pipeline) { Pipeline = inner };
        }

        if (token == ".")
        {
            return new TemplateOperand(OperandKind.Dot);
        }

        if (token[0] == '.')
        {
            return new TemplateOperand(OperandKind.Field) { Path = token[1..].Split('.') };
        }

        if (token[0] is '"' or '`')
        {
            return new TemplateOperand(OperandKind.Literal) { Value = token[1..] };
        }

        if (token[0] == '$')
        {
            throw new TemplateException($"variables are not supported: {token}");
        }

        if (char.IsDigit(token[0]) || ((token[0] is '-' or '+') && token.Length > 1))
        {
            return new TemplateOperand(OperandKind.Literal) { Value = TemplateLexer.ParseNumber(token) };
        }

        return token switch
        {
            "true" => new TemplateOperand(OperandKind.Literal) { Value = true },
            "false" => new TemplateOperand(OperandKind.Literal) { Value = false },
            "nil" => new TemplateOperand(OperandKind.Literal) { Value = null },
            _ when Keywords.Contains(token) => throw new TemplateException($"'{token}' is not supported by this template subset"),
            _ => new TemplateOperand(OperandKind.Function) { Name = token },
        };
    }

    private static bool IsSpace(char c) => c is ' ' or '\t' or '\r' or '\n';
}
