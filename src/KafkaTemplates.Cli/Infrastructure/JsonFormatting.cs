using System.Text.Encodings.Web;
using System.Text.Json;

namespace KafkaTemplates.Cli.Infrastructure;

internal static class JsonFormatting
{
    public static readonly JsonSerializerOptions Indented = new()
    {
        WriteIndented = true,
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };
}
