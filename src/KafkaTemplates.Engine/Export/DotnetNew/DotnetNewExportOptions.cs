namespace KafkaTemplates.Engine.Export.DotnetNew;

/// <summary>How to export: where the template root is (the folder that holds .template.config) and what runs after.</summary>
public sealed record DotnetNewExportOptions
{
    /// <summary>The folder that will hold .template.config; source paths in template.json are relative to it.</summary>
    public required string TemplateRoot { get; init; }

    /// <summary>The identity prefix, e.g. KafkaTemplates → KafkaTemplates.hypertrace-kafka.</summary>
    public string IdentityPrefix { get; init; } = "KafkaTemplates";

    /// <summary>Commands dotnet new offers to run after creating the repo (run-script post-actions), in order.</summary>
    internal IReadOnlyList<DotnetNewPostCommand> PostCommands { get; init; } = [];

    /// <summary>
    /// The product's post-actions: validate the new repo, then install it when the template has an install switch
    /// and the user turned it on.
    /// </summary>
    public static DotnetNewExportOptions ForKafkaTemplates(Templates.TemplateDefinition template, string templateRoot)
    {
        var commands = new List<DotnetNewPostCommand>
        {
            new("Validate the new repo with kafka-templates.", "kafka-templates", "validate ."),
        };
        if (template.Parameters.Find("install") is { Type: "boolean" })
            commands.Add(new("Install the new repo into its namespace with kafka-templates.", "kafka-templates", "install . --create-namespace --wait", "(install)"));
        return new DotnetNewExportOptions { TemplateRoot = templateRoot, PostCommands = commands };
    }
}

/// <summary>
/// A command run in the new repo after dotnet new creates it. dotnet new asks before running it (or runs it with
/// --allow-scripts yes); when it is not run, the manual instruction tells the user what to run.
/// </summary>
internal sealed record DotnetNewPostCommand(string Description, string Executable, string Arguments, string? Condition = null);
