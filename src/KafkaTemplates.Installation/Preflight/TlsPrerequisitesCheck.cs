using System.Net;
using System.Text.Json.Nodes;
using KafkaTemplates.Installation.Connection;
using KafkaTemplates.Installation.Faults;

namespace KafkaTemplates.Installation.Preflight;

/// <summary>
/// What the pods need that the release does not create: the issuer each cert-manager Certificate names (an Issuer in
/// the namespace or a ClusterIssuer), and every Secret the pods mount or read that is neither rendered nor written by
/// a rendered Certificate (tls.source secret: the team's certificates), and the Secret each SCRAM user's password
/// lives in when the values name one (users[].existingSecret), with the key the password is under. Without them the
/// Certificates never become ready, the pods stay in ContainerCreating, and the topics/users/ACLs Job never starts.
/// Only existence is checked (of a user's Secret, also that it has the key); a Secret's values are never read out.
/// </summary>
internal static class TlsPrerequisitesCheck
{
    public const string Name = "Issuers and Secrets";

    private static readonly ApiResource Secrets = new("", "v1", "Secret", "secrets", true);
    private static readonly ApiResource Issuers = new("cert-manager.io", "v1", "Issuer", "issuers", true);
    private static readonly ApiResource ClusterIssuers = new("cert-manager.io", "v1", "ClusterIssuer", "clusterissuers", false);

    public static async Task RunAsync(PreflightContext context, PreflightReport report, CancellationToken cancellationToken)
    {
        var certificates = context.Objects.Where(o => o.Ref.Kind == "Certificate" && o.Ref.Group == "cert-manager.io").ToList();
        // Without the CRDs, CrdCheck already says to install cert-manager; asking for issuers would only fail again.
        if (certificates.Any(c => c.Resource is null)) return;

        var problems = report.Problems.Count;
        var renderedIssuers = context.Objects.Where(o => o.Ref.Kind == "Issuer").Select(o => o.Ref.Name).ToHashSet(StringComparer.Ordinal);
        foreach (var (kind, name) in certificates
                     .Select(c => c.Body["spec"]?["issuerRef"] as JsonObject)
                     .Select(r => (Kind: r?["kind"]?.GetValue<string>() ?? "Issuer", Name: r?["name"]?.GetValue<string>() ?? ""))
                     .Distinct())
        {
            if (kind == "Issuer" && renderedIssuers.Contains(name)) continue;
            var cluster = kind == "ClusterIssuer";
            var path = cluster ? ClusterIssuers.ObjectPath(null, name) : Issuers.ObjectPath(context.Namespace, name);
            if (await ExistsAsync(context, report, path, $"{kind} {name}", cancellationToken) == false)
                report.Error(Name,
                    $"the Certificates name the {kind} '{name}'{(cluster ? "" : $" in namespace {context.Namespace}")}, which does not exist: they would never be issued and the pods never start",
                    "create that issuer, set tls.certManager.issuerRef in helm/values.yaml to an existing one, or leave issuerRef.name empty so the chart makes its own CA");
        }

        var made = context.Objects.Where(o => o.Ref.Kind == "Secret").Select(o => o.Ref.Name)
            .Concat(certificates.Select(c => c.Body["spec"]?["secretName"]?.GetValue<string>()).OfType<string>())
            .ToHashSet(StringComparer.Ordinal);
        foreach (var (secret, user) in SecretsUsed(context).Where(s => !made.Contains(s.Secret)).DistinctBy(s => s.Secret))
        {
            if (await ExistsAsync(context, report, Secrets.ObjectPath(context.Namespace, secret), $"Secret {secret}", cancellationToken) == false)
                report.Error(Name,
                    $"{user} needs the Secret '{secret}' in namespace {context.Namespace}, which does not exist and the chart does not create",
                    $"create it before installing, e.g. `kubectl create secret generic {secret} --namespace {context.Namespace} --from-file=tls.crt --from-file=tls.key --from-file=ca.crt` (tls.key in PKCS#8), or use tls.source cert-manager");
        }

        foreach (var user in UserSecrets.From(Rendering.MergedValues.Of(context.Repo, context.Options.ValuesFiles)).Where(u => !made.Contains(u.Secret)))
        {
            var path = Secrets.ObjectPath(context.Namespace, user.Secret);
            JsonObject? secret;
            try
            {
                secret = await context.Connection.Api.GetAsync(path, cancellationToken);
            }
            catch (KubeApiException e) when (e.StatusCode == HttpStatusCode.Forbidden)
            {
                report.Warning(Name, $"cannot read Secret {user.Secret} (forbidden), so whether it exists was not checked");
                continue;
            }
            var create = $"`kubectl create secret generic {user.Secret} --namespace {context.Namespace} --from-file={user.Key}=<a file holding the password>`";
            if (secret is null)
                report.Error(Name,
                    $"{user.Where} in the values names the Secret '{user.Secret}', which does not exist in namespace {context.Namespace}: the topics/users/ACLs Job could not start",
                    $"create it before installing, e.g. {create}, or remove existingSecret so the chart generates the password");
            else if ((secret["data"] as JsonObject)?.ContainsKey(user.Key) != true && (secret["stringData"] as JsonObject)?.ContainsKey(user.Key) != true)
                report.Error(Name,
                    $"{user.Where} in the values names the Secret '{user.Secret}', which has no key '{user.Key}' for the password: the topics/users/ACLs Job could not start",
                    $"add the key to the Secret, or set existingSecretKey to the key that holds the password");
        }
        if (report.Problems.Count == problems) report.Pass(Name);
    }

    /// <summary>The Secrets the pods of each workload mount as volumes or read in env.</summary>
    private static IEnumerable<(string Secret, string User)> SecretsUsed(PreflightContext context)
    {
        foreach (var workload in context.Objects.Where(o => o.Ref.Kind is "StatefulSet" or "Deployment"))
        {
            var pod = workload.Body["spec"]?["template"]?["spec"];
            var user = $"{workload.Ref.Kind} {workload.Ref.Name}";
            foreach (var volume in (pod?["volumes"] as JsonArray ?? []).OfType<JsonObject>())
                if (volume["secret"]?["secretName"]?.GetValue<string>() is { } name) yield return (name, user);
            foreach (var container in (pod?["containers"] as JsonArray ?? []).Concat(pod?["initContainers"] as JsonArray ?? []).OfType<JsonObject>())
                foreach (var env in (container["env"] as JsonArray ?? []).OfType<JsonObject>())
                    if (env["valueFrom"]?["secretKeyRef"]?["name"]?.GetValue<string>() is { } name) yield return (name, user);
        }
    }

    /// <summary>True or false; null when the installer may not look (a warning says so).</summary>
    private static async Task<bool?> ExistsAsync(PreflightContext context, PreflightReport report, string path, string what, CancellationToken cancellationToken)
    {
        try
        {
            return await context.Connection.Api.GetAsync(path, cancellationToken) is not null;
        }
        catch (KubeApiException e) when (e.StatusCode == HttpStatusCode.Forbidden)
        {
            report.Warning(Name, $"cannot read {what} (forbidden), so whether it exists was not checked");
            return null;
        }
    }
}
