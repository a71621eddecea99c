namespace KafkaTemplates.Engine.Rendering.Filters;

/// <summary>A filter: the piped value and the arguments in parentheses, as plain values.</summary>
public delegate object? Filter(FilterContext context, object? value, IReadOnlyList<object?> args);

/// <summary>
/// Every filter a template may use. Unknown names are refused when the template is loaded, so a typo never
/// silently renders as nothing.
/// </summary>
public static class FilterRegistry
{
    private static readonly Dictionary<string, Filter> Filters = new(StringComparer.Ordinal);

    static FilterRegistry()
    {
        StringFilters.Register(Filters);
        CollectionFilters.Register(Filters);
        ValueFilters.Register(Filters);
        BackstageFilters.Register(Filters);
    }

    public static bool IsKnown(string name) => Filters.ContainsKey(name);

    public static IEnumerable<string> Names => Filters.Keys.Order(StringComparer.Ordinal);

    public static object? Apply(FilterContext context, string name, object? value, IReadOnlyList<object?> args) =>
        Filters.TryGetValue(name, out var filter)
            ? filter(context, value, args)
            : throw new TemplateFunctionException($"unknown filter '{name}'");

    internal static object? Arg(IReadOnlyList<object?> args, int index) => index < args.Count ? args[index] : Undefined.Value;
}
