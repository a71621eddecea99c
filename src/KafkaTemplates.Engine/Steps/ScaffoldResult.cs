using System.Text.Json.Nodes;
using KafkaTemplates.Engine.Answers;
using KafkaTemplates.Engine.FileSets;

namespace KafkaTemplates.Engine.Steps;

/// <summary>The outcome of rendering a template: the file set, the answers record, the rendered output and the steps.</summary>
public sealed record ScaffoldResult(FileSet Files, AnswersFile Answers, JsonObject Output, IReadOnlyList<StepReport> Steps);
