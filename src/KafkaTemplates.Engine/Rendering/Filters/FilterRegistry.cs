namespace KafkaTemplates.Engine.Rendering.Filters;

/// <summary>A filter: the piped value and the arguments in parentheses, as plain values.</summary>
internal delegate object? Filter(FilterContext context, object? value, IReadOnlyList<object?> args);

/// <summary>
/// Every filter a template may use: nunjitsu's built-in filters and the four Backstage's scaffolder adds. An unknown
/// name fails when the filter is reached, as in Backstage, and the load-time check points at it before that.
/// </summary>
public static class FilterRegistry
{
    private static readonly Dictionary<string, Filter> Filters = new(StringComparer.Ordinal);

    // Keyword arguments go to these filters by name, as nunjitsu maps them; any other filter gets them as one
    // trailing object, Nunjucks' calling convention.
    private static readonly Dictionary<string, string[]> NamedParameters = new(StringComparer.Ordinal)
    {
        ["int"] = ["default", "base"],
        ["sort"] = ["reverse", "case_sensitive", "attribute"],
    };

    static FilterRegistry()
    {
        BuiltinFilters.Register(Filters);
        BackstageFilters.Register(Filters);
    }

    public static bool IsKnown(string name) => Filters.ContainsKey(name);

    public static IEnumerable<string> Names => Filters.Keys.Order(StringComparer.Ordinal);

    internal static object? Apply(FilterContext context, string name, object? value, IReadOnlyList<object?> args) =>
        Apply(context, name, value, args, null);

    internal static object? Apply(FilterContext context, string name, object? value, IReadOnlyList<object?> args, IReadOnlyList<KeyValuePair<string, object?>>? keywords)
    {
        if (!Filters.TryGetValue(name, out var filter))
            throw new TemplateFunctionException($"unknown filter '{name}'; Backstage has these: {string.Join(", ", Names)}");
        if (value is TemplateCallable || args.Any(a => a is TemplateCallable) || keywords?.Any(k => k.Value is TemplateCallable) == true)
            throw new TemplateFunctionException($"the filter '{name}' cannot take a macro or other callable value");
        if (keywords is { Count: > 0 }) args = Lower(name, args, keywords);
        return filter(context, value, args);
    }

    private static List<object?> Lower(string name, IReadOnlyList<object?> args, IReadOnlyList<KeyValuePair<string, object?>> keywords)
    {
        var lowered = args.ToList();
        if (NamedParameters.TryGetValue(name, out var names))
        {
            // nunjitsu binds these as macro parameters: keywords fill only the positions no positional argument took.
            var bound = lowered.Take(names.Length).ToList();
            for (var i = bound.Count; i < names.Length; i++)
                bound.Add(keywords.LastOrDefault(k => k.Key == names[i]) is { Key: not null } k ? k.Value : Undefined.Value);
            return bound;
        }
        var record = new OrderedDictionary<string, object?>(StringComparer.Ordinal);
        foreach (var (key, value) in keywords) record[key] = value;
        record["__keywords"] = true;
        lowered.Add(JsSemantics.InJsKeyOrder(record));
        return lowered;
    }

    internal static object? Arg(IReadOnlyList<object?> args, int index) => index < args.Count ? args[index] : Undefined.Value;
}
