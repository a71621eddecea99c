using System.Text.Json.Nodes;
using KafkaTemplates.Engine.FileSets;
using KafkaTemplates.Engine.Rendering;
using KafkaTemplates.Engine.Steps;

namespace KafkaTemplates.Engine.Actions;

/// <summary>What an action gets to work with: its rendered input and the in-memory workspace it builds up.</summary>
public sealed class ActionContext
{
    private readonly Dictionary<string, JsonNode?> _outputs;

    internal ActionContext(string stepId, JsonObject input, FileSet workspace, string templateDirectory,
        NunjucksRenderer renderer, RenderBudget budget, IScaffoldLog log, Dictionary<string, JsonNode?> outputs)
    {
        StepId = stepId;
        Input = input;
        Workspace = workspace;
        TemplateDirectory = templateDirectory;
        Renderer = renderer;
        Budget = budget;
        Log = log;
        _outputs = outputs;
    }

    public string StepId { get; }

    public JsonObject Input { get; }

    public FileSet Workspace { get; }

    /// <summary>The folder of template.yaml; relative URLs in inputs resolve against it.</summary>
    public string TemplateDirectory { get; }

    public NunjucksRenderer Renderer { get; }

    /// <summary>The run's budget of output and time, with its cancellation: every render of the run draws on it.</summary>
    public RenderBudget Budget { get; }

    public IScaffoldLog Log { get; }

    public void Output(string name, JsonNode? value) => _outputs[name] = value;

    public string? GetString(string key) => Input[key] is JsonValue v && v.TryGetValue<string>(out var s) ? s : null;

    public bool GetBool(string key, bool fallback = false) =>
        Input[key] is JsonValue v && v.TryGetValue<bool>(out var b) ? b : fallback;

    public string RequireString(string key) =>
        GetString(key) ?? throw new ActionException(StepId, $"input '{key}' is required and must be text");

    /// <summary>Resolves a template-relative URL such as <c>./skeleton</c> to a folder inside the template.</summary>
    public string ResolveTemplatePath(string url)
    {
        if (Uri.TryCreate(url, UriKind.Absolute, out var absolute) && absolute.Scheme is "http" or "https")
            throw new ActionException(StepId, $"'{url}' is a remote URL; this engine fetches only paths inside the template folder");
        var relative = url.StartsWith("file://", StringComparison.Ordinal) ? url[7..] : url;
        var full = Path.GetFullPath(Path.Combine(TemplateDirectory, relative));
        var root = Path.GetFullPath(TemplateDirectory);
        if (!full.StartsWith(root.TrimEnd(Path.DirectorySeparatorChar) + Path.DirectorySeparatorChar, StringComparison.Ordinal) && full != root)
            throw new ActionException(StepId, $"'{url}' points outside the template folder");
        // A link on the way could lead anywhere on the machine; a template is untrusted, so links are refused.
        if (FileSets.FileKinds.FirstLinkBelow(root, full) is { } link)
            throw new ActionException(StepId, $"'{url}' goes through the symbolic link '{Path.GetRelativePath(root, link)}'; a template may hold only files and folders, so put a copy in place of the link");
        return full;
    }
}
