using KafkaTemplates.Validation.Diagnostics;
using KafkaTemplates.Validation.Repo;

namespace KafkaTemplates.Validation.Rules.Kafka;

/// <summary>KT4005: every JVM's -Xmx is below the memory limit of its container.</summary>
internal sealed class HeapRule : IRepoRule
{
    public void Check(ValidationContext context)
    {
        if (context.Values is not { } values) return;
        Check(context, values, "broker.heapOpts", "broker.resources.limits.memory");
        if (values.String("kraft.controllerLayout") == "dedicated")
            Check(context, values, "controller.heapOpts", "controller.resources.limits.memory");
        Check(context, values, "metrics.jmx.sidecar.javaOpts", "metrics.jmx.sidecar.resources.limits.memory");
    }

    private static void Check(ValidationContext context, ValuesDocument values, string heapSetting, string limitSetting)
    {
        if (context.IsRejectedBySchema(heapSetting) || context.IsRejectedBySchema(limitSetting)) return;
        if (values.String(heapSetting) is not { } options || Quantity.MaxHeap(options) is not { } heap) return;
        if (Quantity.Parse(values.Get(limitSetting)) is not { } limit || heap.Bytes < limit) return;
        context.Report(DiagnosticCatalog.HeapNotBelowLimit, values.Mark(heapSetting),
            $"{heapSetting} sets {heap.Text} ({Quantity.Mebibytes(heap.Bytes)}), which is not below {limitSetting} " +
            $"{values.Get(limitSetting)} ({Quantity.Mebibytes(limit)}); the container would be OOM-killed. Keep the heap at about half the limit");
    }
}
