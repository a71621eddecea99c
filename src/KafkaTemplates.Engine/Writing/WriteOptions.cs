namespace KafkaTemplates.Engine.Writing;

public sealed record WriteOptions
{
    /// <summary>
    /// Allows writing into a folder that already holds files. The generated files replace theirs; files the template
    /// does not produce are kept.
    /// </summary>
    public bool Force { get; init; }
}
