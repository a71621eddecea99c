namespace KafkaTemplates.Portal.Tasks;

/// <summary>Which tasks a list asks for: Backstage's <c>createdBy</c>, <c>status</c>, <c>limit</c>, <c>offset</c> and <c>order</c>.</summary>
internal sealed record TaskQuery(string? CreatedBy, IReadOnlyList<string> Statuses, int Limit, int Offset, bool NewestFirst);
