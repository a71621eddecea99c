using System.Collections;
using static KafkaTemplates.Engine.Rendering.Intrinsics;
using static KafkaTemplates.Engine.Rendering.JsSemantics;

namespace KafkaTemplates.Engine.Rendering;

/// <summary>
/// The list methods nunjitsu lets a template call that change the list in place (<c>push</c>, <c>pop</c>,
/// <c>shift</c>, <c>unshift</c>, <c>splice</c>, <c>sort</c>, <c>reverse</c>, <c>fill</c>, <c>copyWithin</c>), with
/// JavaScript's results. What a call adds is checked before the list changes, as nunjitsu checks the contents it
/// replaces: a list may not come to contain itself, nor more than 100,000 items.
/// </summary>
internal static class ListMutations
{
    /// <summary>nunjitsu's ceiling on the entries of one list or object.</summary>
    public const int MaxEntries = 100_000;

    /// <summary>The names that may change their receiver, as nunjitsu lists them (it copies the values first when one is used).</summary>
    public static readonly IReadOnlySet<string> Names = new HashSet<string>(StringComparer.Ordinal)
    {
        "add", "append", "clear", "copyWithin", "delete", "fill", "insert", "pop", "push", "remove", "reverse", "set", "shift", "sort", "splice", "unshift",
    };

    public static object? Invoke(IList receiver, string name, List<object?> args)
    {
        // The list holds no cycle already, so only what the call adds can close one; checked before anything changes.
        if (args.Any(arg => Reaches(arg, v => ReferenceEquals(v, receiver)))) throw new TemplateFunctionException("a list cannot contain itself");
        if (receiver is not List<object?> items) items = receiver.Cast<object?>().ToList();
        var grows = name switch
        {
            "push" or "unshift" => args.Count,
            "splice" => Math.Max(0, args.Count - 2),
            _ => 0,
        };
        if (items.Count + grows > MaxEntries) throw new TemplateFunctionException($"a list cannot hold more than {MaxEntries} items");
        object? result;
        switch (name)
        {
            case "push":
                items.AddRange(args);
                result = (long)items.Count;
                break;
            case "unshift":
                items.InsertRange(0, args);
                result = (long)items.Count;
                break;
            case "pop":
                Arity(args, name, 0, 0);
                if (items.Count == 0) return Undefined.Value;
                result = items[^1];
                items.RemoveAt(items.Count - 1);
                break;
            case "shift":
                Arity(args, name, 0, 0);
                if (items.Count == 0) return Undefined.Value;
                result = items[0];
                items.RemoveAt(0);
                break;
            case "splice":
            {
                if (Arg(args, 0) is Undefined)
                {
                    result = new List<object?>();
                    break;
                }
                var start = Relative(ToInteger(args[0]), items.Count);
                // As nunjitsu calls it: without a count, everything from start goes and nothing is inserted.
                var all = Arg(args, 1) is Undefined;
                var count = all ? items.Count - start : (int)Math.Clamp(ToInteger(args[1]), 0, items.Count - start);
                result = items.GetRange(start, count);
                items.RemoveRange(start, count);
                if (!all && args.Count > 2) items.InsertRange(start, args.Skip(2));
                break;
            }
            case "sort":
                Arity(args, name, 0, 0);
                // JavaScript compares the items as text, by UTF-16 code units, keeps equal ones in order and puts
                // undefined last without comparing it.
                var defined = items.Where(i => i is not Undefined).Select(i => (Item: i, Text: ToJsString(i))).ToList();
                var sorted = defined.OrderBy(i => i.Text, StringComparer.Ordinal).Select(i => i.Item).ToList();
                sorted.AddRange(items.Where(i => i is Undefined));
                items = sorted;
                result = receiver;
                break;
            case "reverse":
                Arity(args, name, 0, 0);
                items.Reverse();
                result = receiver;
                break;
            case "fill":
            {
                Arity(args, name, 1, 3);
                var from = Relative(OptionalInteger(Arg(args, 1)) ?? 0, items.Count);
                var to = Relative(OptionalInteger(Arg(args, 2)) ?? items.Count, items.Count);
                for (var i = from; i < to; i++) items[i] = args[0];
                result = receiver;
                break;
            }
            case "copyWithin":
            {
                Arity(args, name, 1, 3);
                var target = Relative(ToInteger(args[0]), items.Count);
                var from = Relative(OptionalInteger(Arg(args, 1)) ?? 0, items.Count);
                var to = Relative(OptionalInteger(Arg(args, 2)) ?? items.Count, items.Count);
                var count = Math.Min(to - from, items.Count - target);
                var source = items.ToArray();
                for (var i = 0; i < count; i++) items[target + i] = source[from + i];
                result = receiver;
                break;
            }
            default:
                throw new TemplateFunctionException($"'{name}' is not a list method a template can call");
        }
        if (!ReferenceEquals(items, receiver))
        {
            receiver.Clear();
            foreach (var item in items) receiver.Add(item);
        }
        return result;
    }

    /// <summary>A relative index as the array methods read it: from the end when negative, clamped to the list.</summary>
    private static int Relative(double index, int length) =>
        (int)(index < 0 ? Math.Max(length + index, 0) : Math.Min(index, length));
}
