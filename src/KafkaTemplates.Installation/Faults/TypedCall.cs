using k8s.Autorest;
using KafkaTemplates.Installation.Connection;

namespace KafkaTemplates.Installation.Faults;

/// <summary>Runs a typed KubernetesClient call and turns its failures into the installer's own: an API error or an unreachable cluster.</summary>
internal static class TypedCall
{
    public static async Task<T> RunAsync<T>(string operation, Func<Task<T>> call)
    {
        try
        {
            return await call();
        }
        catch (HttpOperationException e)
        {
            throw new KubeApiException(operation, e.Response.StatusCode, KubeApi.ParseStatus(e.Response.Content ?? ""));
        }
        catch (HttpRequestException e)
        {
            throw new ClusterUnreachableException($"{operation}: {RetryHandler.Describe(e)}", e);
        }
    }
}
