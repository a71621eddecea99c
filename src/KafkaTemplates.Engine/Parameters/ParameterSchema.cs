namespace KafkaTemplates.Engine.Parameters;

/// <summary>All parameters of a template, in declaration order across pages.</summary>
public sealed class ParameterSchema(IReadOnlyList<ParameterPage> pages, IReadOnlyList<ParameterDefinition> definitions)
{
    public static readonly ParameterSchema Empty = new([], []);

    public IReadOnlyList<ParameterPage> Pages { get; } = pages;

    public IReadOnlyList<ParameterDefinition> Definitions { get; } = definitions;

    public ParameterDefinition? Find(string name) => Definitions.FirstOrDefault(d => d.Name == name);

    public IEnumerable<ParameterDefinition> Secrets => Definitions.Where(d => d.IsSecret);
}
