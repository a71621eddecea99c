using System.Text.Json.Nodes;

namespace KafkaTemplates.Installation.Connection;

/// <summary>One line of a watch: ADDED, MODIFIED, DELETED, BOOKMARK or ERROR, with its object (a Status for ERROR).</summary>
internal sealed record WatchEvent(string Type, JsonObject Object)
{
    public string? ResourceVersion => Object["metadata"]?["resourceVersion"]?.GetValue<string>();
}
