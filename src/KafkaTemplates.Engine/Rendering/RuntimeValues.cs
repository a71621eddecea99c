namespace KafkaTemplates.Engine.Rendering;

/// <summary>
/// Text marked safe (by <c>safe</c>, <c>escape</c> or a macro's output), as nunjitsu keeps it: it prints as its
/// text, is always truthy, is a mapping and not a string to the tests, and is never escaped twice.
/// </summary>
internal sealed class SafeString(string value)
{
    public string Value { get; } = value;

    public override string ToString() => Value;
}

/// <summary>
/// Something a template can call and nothing else can use: a macro, a call block's caller, the globals
/// <c>range</c>, <c>cycler</c> and <c>joiner</c> and what they return, or a string/array method. Printing one, or
/// passing one to a filter, is an error, as in nunjitsu.
/// </summary>
internal abstract class TemplateCallable
{
    internal TemplateCallable() { }

    /// <summary>Another handle on the same callable: equal in behaviour, not identical.</summary>
    internal virtual TemplateCallable Fresh() => (TemplateCallable)MemberwiseClone();
}
