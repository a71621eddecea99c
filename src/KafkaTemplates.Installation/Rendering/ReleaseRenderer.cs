using System.Text.Json.Nodes;
using KafkaTemplates.Engine.Text;
using KafkaTemplates.Engine.Tools;
using KafkaTemplates.Engine.Yaml;

namespace KafkaTemplates.Installation.Rendering;

/// <summary>
/// Renders the chart with <c>helm template</c> and reads the objects as the API machinery would. Helm only renders
/// here; everything that talks to the cluster is KubernetesClient. Capabilities come from the cluster
/// (--kube-version, --api-versions), so the chart's Capabilities checks answer as they would under <c>helm install</c>.
/// </summary>
internal sealed class ReleaseRenderer(Helm helm)
{
    public Helm Helm => helm;

    public async Task<RenderedRelease> RenderAsync(HelmChart chart, CancellationToken cancellationToken)
    {
        ToolResult result;
        try
        {
            result = await helm.TemplateAsync(chart, includeCrds: true, cancellationToken);
        }
        catch (ToolNotFoundException e)
        {
            throw new InstallInputException(e.Message, e);
        }
        if (result.ExitCode != 0)
        {
            var message = result.StandardError.Trim();
            if (message.StartsWith("Error: ", StringComparison.Ordinal)) message = message[7..];
            // Name the extra values files only when some were given: new's values are answers, not helm values.
            var fix = chart.ValuesFiles.Count > 0 ? $"helm/values.yaml or the {Setting.Values} files" : "helm/values.yaml";
            throw new InstallInputException($"helm could not render the chart: {message}. Fix {fix}");
        }

        var all = Read(result.StandardOutput);
        // Hooks run at points of a Helm release's life that server-side apply has no equivalent for; `helm test`
        // pods in particular must never be applied as ordinary objects.
        return new RenderedRelease(all.Where(m => m.Hooks.Count == 0).ToList(), all.Where(m => m.Hooks.Count > 0).ToList());
    }

    /// <summary>Helm's output as objects, each a List's items too, read with YAML 1.1 rules as the API server reads them.</summary>
    public static IReadOnlyList<Manifest> Read(string output)
    {
        var result = new List<Manifest>();
        foreach (var document in HelmOutput.Split(output))
        {
            var where = document.Source is null ? "" : $" in {document.Source}";
            JsonNode? node;
            try
            {
                node = YamlReader.Read(document.Text, document.Source ?? "helm output", YamlReadOptions.Kubernetes).Root;
            }
            catch (YamlFormatException e)
            {
                throw new InstallInputException($"helm rendered YAML that cannot be read{where}: {e.Message}", e);
            }
            switch (node)
            {
                case null:
                    continue;
                case JsonObject o when o["kind"]?.GetValue<string>() is { } kind && kind.EndsWith("List", StringComparison.Ordinal) && o["items"] is JsonArray items:
                    foreach (var item in items.OfType<JsonObject>()) result.Add(Checked(new Manifest((JsonObject)item.DeepClone(), document.Source)));
                    break;
                case JsonObject o:
                    result.Add(Checked(new Manifest(o, document.Source)));
                    break;
                default:
                    throw new InstallInputException($"helm rendered a document that is not an object{where}");
            }
        }
        return result;
    }

    private static Manifest Checked(Manifest m)
    {
        var r = m.Ref;
        if (r.ApiVersion.Length == 0 || r.Kind.Length == 0 || r.Name.Length == 0)
            throw new InstallInputException($"{m.Source ?? "a rendered document"} has no apiVersion, kind or metadata.name");
        return m;
    }
}
