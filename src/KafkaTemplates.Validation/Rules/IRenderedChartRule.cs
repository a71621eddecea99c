using KafkaTemplates.Validation.Rendering;
using KafkaTemplates.Validation.Repo;

namespace KafkaTemplates.Validation.Rules;

/// <summary>A check of the objects helm rendered with one value set; it runs only when helm is available.</summary>
internal interface IRenderedChartRule
{
    void Check(ValidationContext context, RenderedChart chart);
}
