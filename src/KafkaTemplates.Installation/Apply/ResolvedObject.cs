using System.Text.Json.Nodes;
using KafkaTemplates.Installation.Connection;
using KafkaTemplates.Installation.Rendering;

namespace KafkaTemplates.Installation.Apply;

/// <summary>A rendered object bound to the resource the cluster serves it as, with the body that will be applied.</summary>
internal sealed record ResolvedObject(Manifest Manifest, ApiResource? Resource, JsonObject Body)
{
    public ObjectRef Ref => ObjectRef.Of(Body);

    public string Path => Resource!.ObjectPath(Ref.Namespace, Ref.Name);
}
