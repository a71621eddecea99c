using System.Text.Json.Nodes;

namespace KafkaTemplates.Installation.Rendering;

/// <summary>
/// The values helm renders with: the chart's values.yaml, then each --values file in order, merged as helm merges
/// them (mappings key by key, anything else replaced whole, a null deletes the key). For the few values the installer
/// itself reads; the chart's own reading of them stays helm's.
/// </summary>
internal static class MergedValues
{
    public static JsonObject Of(DeploymentRepo repo, IEnumerable<string> valuesFiles)
    {
        var merged = (JsonObject)repo.DefaultValues.DeepClone();
        foreach (var file in valuesFiles) Merge(merged, DeploymentRepo.ReadMapping(file, file));
        return merged;
    }

    private static void Merge(JsonObject target, JsonObject overlay)
    {
        foreach (var (key, value) in overlay)
        {
            if (value is null) target.Remove(key);
            else if (value is JsonObject o && target[key] is JsonObject existing) Merge(existing, o);
            else target[key] = value.DeepClone();
        }
    }
}
