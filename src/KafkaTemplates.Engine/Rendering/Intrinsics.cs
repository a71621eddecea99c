using System.Collections;
using System.Globalization;
using System.Text;
using KafkaTemplates.Engine.Rendering.Filters;
using static KafkaTemplates.Engine.Rendering.JsSemantics;

namespace KafkaTemplates.Engine.Rendering;

/// <summary>
/// The string, number and array methods nunjitsu lets a template call (<c>'a-b'.split('-')</c>,
/// <c>values.n.toFixed(2)</c>, <c>values.list.at(-1)</c>, <c>list.push(x)</c>), with JavaScript's results. Methods
/// that change a list change it in place, as in nunjitsu: the render sees the change wherever the list is referenced,
/// and the values given to the render are copied first when a template could change them (see
/// <see cref="CompiledTemplate.MayMutateValues"/>), so no change outlives its file.
/// </summary>
internal static class Intrinsics
{
    public static object? Invoke(FilterContext context, object? receiver, string name, List<object?> args)
    {
        if (receiver is SafeString safe) receiver = safe.Value;
        // nunjitsu lets no callable reach a method, inside the list or among the arguments.
        if (ContainsCallable(receiver) || args.Any(ContainsCallable)) throw new TemplateFunctionException("a callable value cannot be used here");
        return receiver switch
        {
            string s => InvokeString(context, s, name, args),
            long or int or double => InvokeNumber(ToNumber(receiver), name, args),
            IList list when receiver is not IDictionary<string, object?> => InvokeArray(context, list, name, args),
            JsRegex regex when name == "test" => JsRegexRuntime.Test(context, regex, ToJsString(Arg(args, 0))),
            _ => throw new TemplateFunctionException($"'{name}' is not a method a template can call here"),
        };
    }

    private static bool ContainsCallable(object? value) => Reaches(value, static v => v is TemplateCallable);

    /// <summary>Whether <paramref name="match"/> holds for the value or anything its records and lists reach (each visited once).</summary>
    internal static bool Reaches(object? value, Func<object?, bool> match)
    {
        var pending = new Stack<object?>([value]);
        var seen = new HashSet<object>(ReferenceEqualityComparer.Instance);
        while (pending.Count > 0)
        {
            var candidate = pending.Pop();
            if (match(candidate)) return true;
            switch (candidate)
            {
                case IDictionary<string, object?> record when seen.Add(record):
                    foreach (var item in record.Values) pending.Push(item);
                    break;
                case IList list when seen.Add(list):
                    foreach (var item in list) pending.Push(item);
                    break;
            }
        }
        return false;
    }

    internal static object? Arg(List<object?> args, int i) => i < args.Count ? args[i] : Undefined.Value;

    internal static void Arity(List<object?> args, string name, int min, int max)
    {
        if (args.Count < min || args.Count > max)
            throw new TemplateFunctionException($"the method {name} takes {(min == max ? $"{min}" : $"{min} to {max}")} arguments, not {args.Count}");
    }

    /// <summary>ToIntegerOrInfinity, with undefined kept as "not given".</summary>
    internal static double? OptionalInteger(object? v) => v is Undefined ? null : ToInteger(v);

    internal static double ToInteger(object? v)
    {
        var d = ToNumber(v);
        return double.IsNaN(d) ? 0 : Math.Truncate(d);
    }

    private static int Clamp(double d, int length) => (int)Math.Clamp(d < 0 ? Math.Max(length + d, 0) : d, 0, length);

    private static object? InvokeString(FilterContext context, string text, string name, List<object?> args)
    {
        switch (name)
        {
            case "replace":
                Arity(args, name, 2, 2);
                var replacement = ToJsString(args[1]);
                if (args[0] is JsRegex regex) return JsRegexRuntime.Replace(context, regex, text, replacement, stateful: true);
                var search = ToJsString(args[0]);
                var at = text.IndexOf(search, StringComparison.Ordinal);
                return at < 0 ? text : context.Bounded(text[..at] + Substitution(replacement, text, at, search) + text[(at + search.Length)..]);
            case "split":
                Arity(args, name, 0, 2);
                var limit = Arg(args, 1) is Undefined ? uint.MaxValue : (uint)(long)(ToInteger(args[1]) % 4294967296d + 4294967296d) % 4294967296u;
                if (Arg(args, 0) is JsRegex splitter) return JsRegexRuntime.Split(context, splitter, text, limit);
                if (Arg(args, 0) is Undefined) return limit == 0 ? new List<object?>() : [text];
                var separator = ToJsString(args[0]);
                var parts = separator.Length == 0 ? FilterValues.Chars(text) : text.Split(separator).Select(p => (object?)p).ToList();
                return parts.Take((int)Math.Min(limit, int.MaxValue)).ToList();
            case "includes" or "startsWith" or "endsWith" or "indexOf":
            {
                Arity(args, name, 1, 2);
                var needle = ToJsString(args[0]);
                var position = OptionalInteger(Arg(args, 1));
                var start = Clamp(position ?? 0, text.Length);
                if (position is < 0) start = 0;
                return name switch
                {
                    "includes" => text.IndexOf(needle, start, StringComparison.Ordinal) >= 0,
                    "startsWith" => text.AsSpan(start).StartsWith(needle, StringComparison.Ordinal),
                    "endsWith" => text.AsSpan(0, position is null ? text.Length : Clamp(position.Value < 0 ? 0 : position.Value, text.Length)).EndsWith(needle, StringComparison.Ordinal),
                    _ => (long)text.IndexOf(needle, start, StringComparison.Ordinal),
                };
            }
            case "lastIndexOf":
            {
                Arity(args, name, 1, 2);
                var needle = ToJsString(args[0]);
                var position = Arg(args, 1) is Undefined ? double.PositiveInfinity : ToNumber(args[1]);
                var from = double.IsNaN(position) ? text.Length : (int)Math.Clamp(Math.Truncate(position), 0, text.Length);
                for (var i = Math.Min(from, text.Length - needle.Length); i >= 0; i--)
                    if (string.CompareOrdinal(text, i, needle, 0, needle.Length) == 0) return (long)i;
                return -1L;
            }
            case "slice":
            {
                Arity(args, name, 0, 2);
                var start = Clamp(OptionalInteger(Arg(args, 0)) ?? 0, text.Length);
                var end = Clamp(OptionalInteger(Arg(args, 1)) ?? text.Length, text.Length);
                return end > start ? text[start..end] : "";
            }
            case "substring":
            {
                Arity(args, name, 0, 2);
                var start = (int)Math.Clamp(OptionalInteger(Arg(args, 0)) ?? 0, 0, text.Length);
                var end = (int)Math.Clamp(OptionalInteger(Arg(args, 1)) ?? text.Length, 0, text.Length);
                return start <= end ? text[start..end] : text[end..start];
            }
            case "charAt" or "charCodeAt":
            {
                Arity(args, name, 0, 1);
                var index = OptionalInteger(Arg(args, 0)) ?? 0;
                var inside = index >= 0 && index < text.Length;
                return name == "charAt" ? inside ? text[(int)index].ToString() : "" : inside ? (long)text[(int)index] : double.NaN;
            }
            case "concat":
                return context.Bounded(text + string.Concat(args.Select(ToJsString)));
            case "trim": Arity(args, name, 0, 0); return JsTrim(text);
            case "trimStart": Arity(args, name, 0, 0); return JsTrimStart(text);
            case "trimEnd": Arity(args, name, 0, 0); return TrimEnd(text);
            case "toLowerCase": Arity(args, name, 0, 0); return JsLower(text);
            case "toUpperCase": Arity(args, name, 0, 0); return JsUpper(text);
            default: throw new TemplateFunctionException($"'{name}' is not a string method a template can call");
        }
    }

    private static string TrimEnd(string text)
    {
        var trimmed = JsTrim(text);
        if (trimmed.Length == 0) return "";
        var start = text.IndexOf(trimmed, StringComparison.Ordinal);
        return text[..(start + trimmed.Length)];
    }

    /// <summary>GetSubstitution: $$, $&amp;, $` and $' in a replacement for a string pattern.</summary>
    private static string Substitution(string replacement, string text, int at, string matched)
    {
        if (!replacement.Contains('$')) return replacement;
        var sb = new StringBuilder();
        for (var i = 0; i < replacement.Length; i++)
        {
            if (replacement[i] != '$' || i + 1 >= replacement.Length) { sb.Append(replacement[i]); continue; }
            switch (replacement[i + 1])
            {
                case '$': sb.Append('$'); i++; break;
                case '&': sb.Append(matched); i++; break;
                case '`': sb.Append(text, 0, at); i++; break;
                case '\'': sb.Append(text, at + matched.Length, text.Length - at - matched.Length); i++; break;
                default: sb.Append('$'); break;
            }
        }
        return sb.ToString();
    }

    private static object? InvokeNumber(double value, string name, List<object?> args)
    {
        Arity(args, name, 0, 1);
        var argument = Arg(args, 0) is Undefined ? (double?)null : ToNumber(args[0]);
        switch (name)
        {
            case "toString":
                if (argument is null || argument == 10) return NumberToString(value);
                var radix = Math.Truncate(argument.Value);
                if (radix < 2 || radix > 36) throw new TemplateFunctionException("toString() radix must be between 2 and 36");
                return ToRadixString(value, (int)radix);
            case "toFixed":
                var fraction = argument is null ? 0 : double.IsNaN(argument.Value) ? 0 : Math.Truncate(argument.Value);
                if (fraction < 0 || fraction > 100) throw new TemplateFunctionException("toFixed() digits must be between 0 and 100");
                if (!double.IsFinite(value) || Math.Abs(value) >= 1e21) return NumberToString(value);
                return ToFixed(value, (int)fraction);
            case "toExponential":
                return JsNumberFormat.ToExponential(value, argument);
            case "toPrecision":
                return JsNumberFormat.ToPrecision(value, argument);
            default:
                throw new TemplateFunctionException($"'{name}' is not a number method a template can call");
        }
    }

    /// <summary>Number.prototype.toString(radix) for radix other than 10, as V8's DoubleToRadixCString writes it.</summary>
    private static string ToRadixString(double value, int radix)
    {
        if (double.IsNaN(value)) return "NaN";
        if (double.IsInfinity(value)) return value > 0 ? "Infinity" : "-Infinity";
        const string chars = "0123456789abcdefghijklmnopqrstuvwxyz";
        var negative = value < 0;
        if (negative) value = -value;
        var integer = Math.Floor(value);
        var fraction = value - integer;
        var delta = Math.Max(0.5 * (Math.BitIncrement(value) - value), Math.BitIncrement(0.0));
        var fractionDigits = new StringBuilder();
        if (fraction >= delta)
        {
            do
            {
                fraction *= radix;
                delta *= radix;
                var digit = (int)fraction;
                fractionDigits.Append(chars[digit]);
                fraction -= digit;
                if ((fraction > 0.5 || (fraction == 0.5 && (digit & 1) == 1)) && fraction + delta > 1)
                {
                    // Round up, carrying into the integer part when every digit overflows.
                    while (true)
                    {
                        if (fractionDigits.Length == 0)
                        {
                            integer += 1;
                            break;
                        }
                        var last = fractionDigits[^1];
                        var d = last > '9' ? last - 'a' + 10 : last - '0';
                        fractionDigits.Length--;
                        if (d + 1 < radix)
                        {
                            fractionDigits.Append(chars[d + 1]);
                            break;
                        }
                    }
                    break;
                }
            } while (fraction >= delta);
        }
        var integerDigits = new StringBuilder();
        while (BinaryExponent(integer / radix) > 0)
        {
            integer /= radix;
            integerDigits.Insert(0, '0');
        }
        do
        {
            var remainder = integer % radix;
            integerDigits.Insert(0, chars[(int)remainder]);
            integer = (integer - remainder) / radix;
        } while (integer > 0);
        return (negative ? "-" : "") + integerDigits + (fractionDigits.Length > 0 ? "." + fractionDigits : "");
    }

    /// <summary>The binary exponent of a double's 53-bit significand (positive from 2^53 on), as V8's Double::Exponent.</summary>
    private static int BinaryExponent(double d)
    {
        var bits = BitConverter.DoubleToInt64Bits(d);
        var biased = (int)((bits >> 52) & 0x7FF);
        return (biased == 0 ? 1 : biased) - 1075;
    }

    /// <summary>
    /// Number.prototype.toFixed: the exact value of the double rounded half up to <paramref name="digits"/> decimals
    /// (.NET's "F" format rounds exact halves to even, so 2.5 would give 2 where JavaScript gives 3).
    /// </summary>
    private static string ToFixed(double value, int digits)
    {
        var negative = value < 0;
        var bits = BitConverter.DoubleToInt64Bits(Math.Abs(value));
        var exponent = (int)((bits >> 52) & 0x7FF);
        var mantissa = bits & 0xFFFFFFFFFFFFFL;
        if (exponent == 0) exponent++;
        else mantissa |= 1L << 52;
        exponent -= 1075;
        var scaled = new System.Numerics.BigInteger(mantissa) * System.Numerics.BigInteger.Pow(10, digits);
        System.Numerics.BigInteger n;
        if (exponent >= 0) n = scaled << exponent;
        else
        {
            var denominator = System.Numerics.BigInteger.One << -exponent;
            n = (2 * scaled + denominator) / (2 * denominator);
        }
        var text = n.ToString(CultureInfo.InvariantCulture).PadLeft(digits + 1, '0');
        if (digits > 0) text = text[..^digits] + "." + text[^digits..];
        return (negative ? "-" : "") + text;
    }

    private static object? InvokeArray(FilterContext context, IList receiver, string name, List<object?> args)
    {
        if (ListMutations.Names.Contains(name)) return ListMutations.Invoke(receiver, name, args);
        var items = receiver.Cast<object?>().ToList();
        switch (name)
        {
            case "at":
                Arity(args, name, 1, 1);
                var index = ToInteger(args[0]);
                if (index < 0) index += items.Count;
                return index >= 0 && index < items.Count ? items[(int)index] : Undefined.Value;
            case "includes" or "indexOf":
            {
                Arity(args, name, 1, 2);
                var from = OptionalInteger(Arg(args, 1)) ?? 0;
                var start = from < 0 ? Math.Max(0, items.Count + from) : from;
                for (var i = (int)Math.Min(start, items.Count); i < items.Count; i++)
                {
                    if (StrictEquals(items[i], args[0])) return name == "includes" ? true : (object)(long)i;
                    if (name == "includes" && items[i] is double a && double.IsNaN(a) && args[0] is double b && double.IsNaN(b)) return true;
                }
                return name == "includes" ? false : -1L;
            }
            case "lastIndexOf":
            {
                Arity(args, name, 1, 2);
                var from = Arg(args, 1) is Undefined ? items.Count - 1 : ToInteger(args[1]);
                var start = from < 0 ? items.Count + from : Math.Min(from, items.Count - 1);
                for (var i = (int)start; i >= 0; i--)
                    if (StrictEquals(items[i], args[0])) return (long)i;
                return -1L;
            }
            case "join":
                Arity(args, name, 0, 1);
                var separator = Arg(args, 0) is Undefined ? "," : ToJsString(args[0]);
                return context.Bounded(string.Join(separator, items.Select(ToOutput)));
            case "slice":
            {
                Arity(args, name, 0, 2);
                var start = Clamp(OptionalInteger(Arg(args, 0)) ?? 0, items.Count);
                var end = Clamp(OptionalInteger(Arg(args, 1)) ?? items.Count, items.Count);
                return end > start ? items.GetRange(start, end - start) : new List<object?>();
            }
            case "concat":
                var joined = new List<object?>(items);
                foreach (var arg in args)
                {
                    if (arg is IList list && arg is not IDictionary<string, object?>) joined.AddRange(list.Cast<object?>());
                    else joined.Add(arg);
                }
                return joined;
            case "flat":
                Arity(args, name, 0, 1);
                var depth = Arg(args, 0) is Undefined ? 1 : ToInteger(args[0]);
                var flat = new List<object?>();
                Flatten(items, depth, flat, context);
                return flat;
            default:
                throw new TemplateFunctionException($"'{name}' is not a list method a template can call");
        }
    }

    private static void Flatten(List<object?> items, double depth, List<object?> output, FilterContext context)
    {
        foreach (var item in items)
        {
            if (depth >= 1 && item is IList list && item is not IDictionary<string, object?>) Flatten(list.Cast<object?>().ToList(), depth - 1, output, context);
            else output.Add(item);
            if (output.Count > context.Limits.MaxLoopIterations) throw new TemplateLimitException("flat() made more items than the loop limit");
        }
    }
}
