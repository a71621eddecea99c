namespace KafkaTemplates.Engine.Rendering;

/// <summary>
/// JavaScript's <c>undefined</c>: what a missing member reads as. Nunjucks tells it apart from null
/// (<c>default</c> replaces only undefined), and Backstage drops inputs that render to it.
/// </summary>
internal sealed class Undefined
{
    public static readonly Undefined Value = new();

    private Undefined() { }

    public override string ToString() => "";
}
