using KafkaTemplates.Engine.Parameters;
using KafkaTemplates.Engine.Templates;

namespace KafkaTemplates.Portal.Tasks;

/// <summary>
/// A task waiting for or holding a run slot. The answers include the secrets, which live only here, in memory: once
/// the run ends this object is dropped, and with it the only reference the portal had to them.
/// </summary>
internal sealed record PendingTask(Guid Id, TemplateDefinition Template, AnswerSet Answers) : QueuedTask(Id);

/// <summary>Work waiting for one of the runner's slots: a template's task, or a fleet of upgrade requests.</summary>
internal abstract record QueuedTask(Guid Id);
