using System.Globalization;

namespace KafkaTemplates.Portal.Tasks;

/// <summary>Times as Backstage sends them: ISO 8601 in UTC with milliseconds, such as 2024-05-01T08:40:22.383Z.</summary>
internal static class Timestamps
{
    public static string Format(DateTimeOffset time) =>
        time.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture);
}
