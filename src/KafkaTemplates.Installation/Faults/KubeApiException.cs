using System.Net;
using k8s.Models;

namespace KafkaTemplates.Installation.Faults;

/// <summary>
/// The API server answered a request with an error Status. The message keeps the server's own words (they name the
/// field or the permission) and adds what to do about the common cases.
/// </summary>
public sealed class KubeApiException(string operation, HttpStatusCode status, V1Status? details)
    : Exception(Compose(operation, status, details))
{
    public HttpStatusCode StatusCode { get; } = status;

    public V1Status? Status { get; } = details;

    public string Operation { get; } = operation;

    private static string Compose(string operation, HttpStatusCode status, V1Status? details)
    {
        var server = details?.Message is { Length: > 0 } m ? m : status.ToString();
        var hint = status switch
        {
            HttpStatusCode.Unauthorized => " The cluster rejected the credentials: refresh them (log in again, or get a new kubeconfig).",
            HttpStatusCode.Forbidden => " Ask a cluster admin for the permission, or use a context that has it.",
            HttpStatusCode.UnprocessableEntity => " The object is invalid for this cluster; fix the chart or its values.",
            _ => "",
        };
        return $"{operation}: {(int)status} {server}.{hint}";
    }
}
