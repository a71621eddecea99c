using static KafkaTemplates.Engine.Rendering.JsSemantics;

namespace KafkaTemplates.Engine.Rendering.Filters;

/// <summary>The filters Backstage's scaffolder adds to Nunjucks: parseRepoUrl, projectSlug, pick, parseEntityRef.</summary>
internal static class BackstageFilters
{
    public static void Register(Dictionary<string, Filter> f)
    {
        f["parseRepoUrl"] = (_, v, _) => ParseRepoUrl(Text(v));
        f["projectSlug"] = (_, v, _) =>
        {
            var parsed = ParseRepoUrl(Text(v));
            // Backstage prints `${owner}/${repo}`: a URL with a workspace but no owner gives "undefined/...".
            return $"{ToJsString(parsed.GetValueOrDefault("owner", Undefined.Value))}/{ToJsString(parsed["repo"])}";
        };
        f["pick"] = (_, v, a) => Pick(v, Text(FilterRegistry.Arg(a, 0)));
        f["parseEntityRef"] = (_, v, a) => ParseEntityRef(Text(v), FilterRegistry.Arg(a, 0));
    }

    private static string Text(object? v) => IsNullish(v) ? "" : ToJsString(v);

    /// <summary>
    /// Backstage's RepoUrlPicker value, <c>host?owner=o&amp;repo=r</c>, as an object. Like Backstage, a missing
    /// repo, or a missing owner where the host needs one, is an error.
    /// </summary>
    internal static OrderedDictionary<string, object?> ParseRepoUrl(string repoUrl)
    {
        if (!Uri.TryCreate("https://" + repoUrl, UriKind.Absolute, out var uri) || string.IsNullOrEmpty(uri.Host))
            throw new TemplateFunctionException($"parseRepoUrl: invalid repo URL '{repoUrl}'; expected host?owner=...&repo=...");
        var query = System.Web.HttpUtility.ParseQueryString(uri.Query);
        var result = new OrderedDictionary<string, object?>(StringComparer.Ordinal) { ["host"] = uri.Host };
        foreach (var key in new[] { "owner", "organization", "workspace", "project", "repo" })
            if (query[key] is { } value) result[key] = value;
        if (!result.ContainsKey("repo"))
            throw new TemplateFunctionException($"parseRepoUrl: '{repoUrl}' has no repo; add &repo=<name>");
        if (!result.ContainsKey("owner") && !result.ContainsKey("workspace") && !result.ContainsKey("organization"))
            throw new TemplateFunctionException($"parseRepoUrl: '{repoUrl}' has no owner; add ?owner=<name>");
        return result;
    }

    /// <summary>lodash's get: a dotted path into an object.</summary>
    internal static object? Pick(object? value, string path)
    {
        var current = value;
        foreach (var part in path.Split('.'))
        {
            current = current switch
            {
                IDictionary<string, object?> d when d.TryGetValue(part, out var next) => next,
                System.Collections.IList l when int.TryParse(part, out var i) && i >= 0 && i < l.Count => l[i],
                _ => Undefined.Value,
            };
            if (current is Undefined) break;
        }
        return current;
    }

    private static OrderedDictionary<string, object?> ParseEntityRef(string reference, object? context)
    {
        var defaultKind = context is IDictionary<string, object?> c && c.TryGetValue("defaultKind", out var k) ? ToOutput(k) : null;
        var defaultNamespace = context is IDictionary<string, object?> c2 && c2.TryGetValue("defaultNamespace", out var n) ? ToOutput(n) : "default";
        var kindSplit = reference.IndexOf(':');
        var kind = kindSplit >= 0 ? reference[..kindSplit] : defaultKind;
        var rest = kindSplit >= 0 ? reference[(kindSplit + 1)..] : reference;
        var nsSplit = rest.IndexOf('/');
        var ns = nsSplit >= 0 ? rest[..nsSplit] : defaultNamespace;
        var name = nsSplit >= 0 ? rest[(nsSplit + 1)..] : rest;
        if (string.IsNullOrEmpty(kind) || string.IsNullOrEmpty(name))
            throw new TemplateFunctionException($"parseEntityRef: '{reference}' is not an entity reference (kind:namespace/name)");
        return new OrderedDictionary<string, object?>(StringComparer.Ordinal) { ["kind"] = kind, ["namespace"] = ns, ["name"] = name };
    }
}
