using System.ComponentModel;
using Spectre.Console.Cli;

namespace KafkaTemplates.Cli.Infrastructure;

/// <summary>Options shared by commands that pick a template.</summary>
internal class TemplateSettings : CommandSettings
{
    [CommandOption("--templates <DIR>")]
    [Description("A folder of templates (<DIR>/<id>/template.yaml), or git+URL@tag, to use instead of the ones shipped in the tool.")]
    public string? Templates { get; init; }

    /// <summary>--templates as the use cases take it: a git source as given, a folder as an absolute path.</summary>
    public string? TemplatesIn(CliEnvironment environment) =>
        Templates is null || Templates.StartsWith("git+", StringComparison.Ordinal) ? Templates : environment.ResolvePath(Templates);
}

/// <summary>Options of commands that can print JSON for scripts.</summary>
internal class FormattedTemplateSettings : TemplateSettings
{
    [CommandOption("--format <FORMAT>")]
    [Description("Output format: text (default) or json.")]
    [DefaultValue("text")]
    public string Format { get; init; } = "text";

    public bool Json => Format == "json";

    public override Spectre.Console.ValidationResult Validate() => TextOrJson(Format);

    /// <summary>The --format rule of every command that prints text for people or JSON for scripts.</summary>
    public static Spectre.Console.ValidationResult TextOrJson(string format) =>
        format is "text" or "json"
            ? Spectre.Console.ValidationResult.Success()
            : Spectre.Console.ValidationResult.Error($"--format must be text or json, not '{format}'");
}

/// <summary>Options of commands that read one template and can print JSON (describe, template lint).</summary>
internal sealed class OneTemplateSettings : FormattedTemplateSettings
{
    [CommandArgument(0, "<TEMPLATE>")]
    [Description("Template id (see `list`), a folder holding template.yaml, or the path of a template.yaml.")]
    public string Template { get; init; } = "";
}

/// <summary>Options of commands that take a fleet of repos (diff, check): folders or globs, and an output format.</summary>
internal class RepoListSettings : CommandSettings
{
    [CommandArgument(0, "<DIR>")]
    [Description("Repos: folders, or globs such as repos/* (quote globs so the shell leaves them alone).")]
    public string[] Repos { get; init; } = [];

    [CommandOption("--format <FORMAT>")]
    [Description("text (default) or json.")]
    [DefaultValue("text")]
    public string Format { get; init; } = "text";

    public override Spectre.Console.ValidationResult Validate() => FormattedTemplateSettings.TextOrJson(Format);
}
