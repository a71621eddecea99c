namespace KafkaTemplates.Engine.Templates;

/// <summary>A template name or path that matches nothing; lists what is available.</summary>
public sealed class UnknownTemplateException(string name, IEnumerable<string> available)
    : Exception($"unknown template '{name}'; available: {string.Join(", ", available.DefaultIfEmpty("(none)"))}. " +
                "Give a template id, a folder holding template.yaml, or the path of a template.yaml")
{
    public string Name { get; } = name;
}
