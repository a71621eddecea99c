using System.Text.Json.Nodes;

namespace KafkaTemplates.Installation.Rendering;

/// <summary>
/// Which object: apiVersion, kind, namespace (null when cluster-scoped) and name. Two references name the same object
/// when group, kind, namespace and name agree, whatever the version.
/// </summary>
public sealed record ObjectRef(string ApiVersion, string Kind, string? Namespace, string Name)
{
    public string Group => ApiVersion.Contains('/', StringComparison.Ordinal) ? ApiVersion[..ApiVersion.IndexOf('/', StringComparison.Ordinal)] : "";

    /// <summary>Identity across versions (policy/v1beta1 and policy/v1 name the same PodDisruptionBudget).</summary>
    public string Key => $"{Group}|{Kind}|{Namespace}|{Name}";

    public static ObjectRef Of(JsonObject body) => new(
        body["apiVersion"]?.GetValue<string>() ?? "",
        body["kind"]?.GetValue<string>() ?? "",
        body["metadata"]?["namespace"]?.GetValue<string>() is { Length: > 0 } ns ? ns : null,
        body["metadata"]?["name"]?.GetValue<string>() ?? "");

    public JsonObject ToJson()
    {
        var o = new JsonObject { ["apiVersion"] = ApiVersion, ["kind"] = Kind };
        if (Namespace is not null) o["namespace"] = Namespace;
        o["name"] = Name;
        return o;
    }

    public override string ToString() => Namespace is null ? $"{Kind} {Name}" : $"{Kind} {Namespace}/{Name}";
}
