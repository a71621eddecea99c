using System.Net;
using k8s;
using KafkaTemplates.Installation.Faults;
using k8s.Models;
using KafkaTemplates.Engine.Text;

namespace KafkaTemplates.Installation.Preflight;

/// <summary>
/// Asks the API server, with one SelfSubjectAccessReview per needed verb, whether the current user may do what the
/// install will do, and reports every denial at once, grouped by resource, with the grant that would fix it.
/// </summary>
internal static class AccessCheck
{
    public const string Name = "Permissions";

    public static async Task RunAsync(PreflightContext context, PreflightReport report, CancellationToken cancellationToken)
    {
        var needs = RequiredAccess.For(context);
        var denied = new List<(AccessRequirement Need, string? Reason)>();
        using var gate = new SemaphoreSlim(8);
        var unanswered = 0;
        await Task.WhenAll(needs.Select(async need =>
        {
            await gate.WaitAsync(cancellationToken);
            try
            {
                var review = await TypedCall.RunAsync("create selfsubjectaccessreviews", () => context.Connection.Client.AuthorizationV1.CreateSelfSubjectAccessReviewAsync(new V1SelfSubjectAccessReview
                {
                    Spec = new V1SelfSubjectAccessReviewSpec
                    {
                        ResourceAttributes = new V1ResourceAttributes { Verb = need.Verb, Group = need.Group, Resource = need.Resource, NamespaceProperty = need.Namespace },
                    },
                }, cancellationToken: cancellationToken));
                if (review.Status?.Allowed != true)
                    lock (denied) denied.Add((need, review.Status?.Reason is { Length: > 0 } r ? r : review.Status?.EvaluationError));
            }
            catch (KubeApiException e) when (e.StatusCode is HttpStatusCode.Forbidden or HttpStatusCode.NotFound)
            {
                Interlocked.Increment(ref unanswered);
            }
            finally
            {
                gate.Release();
            }
        }));

        if (unanswered > 0)
            report.Warning(Name, $"{unanswered} of {needs.Count} permission checks could not be asked (SelfSubjectAccessReview is not allowed here); missing permissions will show as errors while installing");
        if (denied.Count == 0)
        {
            report.Pass(Name);
            return;
        }

        foreach (var group in denied.GroupBy(d => (d.Need.Group, d.Need.Resource, d.Need.Namespace)).OrderBy(g => g.Key.Resource, StringComparer.Ordinal))
        {
            var first = group.First().Need;
            var verbs = group.Select(d => d.Need.Verb).Distinct().Order(StringComparer.Ordinal).ToList();
            var why = string.Join("; ", group.Select(d => d.Need.Why).Distinct().Take(2));
            var reason = group.Select(d => d.Reason).FirstOrDefault(r => !string.IsNullOrEmpty(r));
            var grant = first.Namespace is null
                ? $"kubectl create clusterrole kafka-installer --verb={string.Join(',', verbs)} --resource={first.QualifiedResource}"
                : $"kubectl create role kafka-installer --namespace {first.Namespace} --verb={string.Join(',', verbs)} --resource={first.QualifiedResource}";
            report.Error(Name,
                $"forbidden: cannot {string.Join(", ", verbs)} {first.QualifiedResource} {first.Scope} (needed to {why}){(reason is null ? "" : $": {reason}")}",
                $"ask a cluster admin to grant it, e.g. `{grant}` plus a binding to you, or use a {Setting.Context} that has it");
        }
    }
}
