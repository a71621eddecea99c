using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http;

namespace KafkaTemplates.Portal.Api;

/// <summary>Writes JSON bodies built as <see cref="JsonNode"/>s: the shapes are Backstage's, spelled out field by field.</summary>
internal static class JsonResponses
{
    private static readonly JsonSerializerOptions Options = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    public static string Serialize(JsonNode? node) => node?.ToJsonString(Options) ?? "null";

    public static IResult Json(JsonNode? node, int status = StatusCodes.Status200OK) =>
        Results.Text(Serialize(node), "application/json; charset=utf-8", Encoding.UTF8, status);

    /// <summary>
    /// A large body written straight into the response as UTF-8, never held as one string: a dry run's answer is a few
    /// hundred kilobytes of base64, and as a string it went to the large object heap on every request, which under load
    /// meant a full garbage collection every few dry runs. The bytes are the same as <see cref="Json"/> writes.
    /// </summary>
    public static IResult Streamed(Action<Utf8JsonWriter> write, int status = StatusCodes.Status200OK) => new StreamedJson(write, status);

    private static readonly JsonWriterOptions WriterOptions = new() { Encoder = Options.Encoder };

    private sealed class StreamedJson(Action<Utf8JsonWriter> write, int status) : IResult
    {
        public async Task ExecuteAsync(HttpContext httpContext)
        {
            httpContext.Response.StatusCode = status;
            httpContext.Response.ContentType = "application/json; charset=utf-8";
            using (var writer = new Utf8JsonWriter(httpContext.Response.BodyWriter, WriterOptions))
            {
                write(writer);
                writer.Flush();
            }
            await httpContext.Response.BodyWriter.FlushAsync(httpContext.RequestAborted);
        }
    }

    /// <summary>A node as <see cref="Serialize"/> writes it, into a writer.</summary>
    public static void Write(Utf8JsonWriter writer, JsonNode? node)
    {
        if (node is null) writer.WriteNullValue();
        else node.WriteTo(writer, Options);
    }

    public static Task WriteAsync(HttpContext context, JsonNode? node)
    {
        context.Response.ContentType = "application/json; charset=utf-8";
        return context.Response.WriteAsync(Serialize(node), Encoding.UTF8, context.RequestAborted);
    }
}
