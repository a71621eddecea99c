using System.Text.Json.Nodes;
using KafkaTemplates.Validation.Diagnostics;
using KafkaTemplates.Validation.Repo;

namespace KafkaTemplates.Validation.Rules.Security;

/// <summary>
/// KT4010-KT4012: how far an open listener reaches. TLS off or authentication off is refused beyond the namespace
/// (KT4010), authentication without TLS is refused (KT4011), and inside the namespace it is the state a repo upgraded
/// from 1.x starts in, reported with what is left to do (KT4012). Values without tls.source come from a 1.x chart,
/// which has no such switches; they are left alone.
/// </summary>
internal sealed class ListenerSecurityRule : IRepoRule
{
    public void Check(ValidationContext context)
    {
        if (context.Values is not { } values || context.IsRejectedBySchema("tls.source") || context.IsRejectedBySchema("auth.mode")) return;
        if (values.String("tls.source") is not { } tls || values.String("auth.mode") is not { } auth) return;

        if (auth is "scram" or "mtls" && tls == "none")
        {
            context.Report(DiagnosticCatalog.AuthenticationWithoutTls, values.Mark("auth.mode"),
                $"auth.mode is {auth} but tls.source is none: {(auth == "scram" ? "SCRAM over plaintext exposes the exchange" : "client certificates need TLS")}. Set tls.source to cert-manager or secret, or auth.mode to none while migrating");
            return;
        }
        if (tls != "none" && auth != "none") return;

        var open = tls == "none" && auth == "none" ? "plaintext and unauthenticated" : tls == "none" ? "plaintext" : "unauthenticated";
        if (WhyReachable(values) is { } reach)
        {
            context.Report(DiagnosticCatalog.ListenerOpenBeyondNamespace, values.Mark(reach.Path),
                $"the listeners are {open} ({Describe(tls, auth)}) and {reach.Why}. Turn on TLS and authentication first, or keep the listeners inside the namespace");
            return;
        }
        context.Report(DiagnosticCatalog.SecurityMigrationPending, values.Mark(auth == "none" ? "auth.mode" : "tls.source"),
            $"the listeners are {open} ({Describe(tls, auth)}), as in 1.x. Left to do: {(tls == "none" ? "set tls.source (cert-manager or secret), then " : "")}set auth.mode to scram or mtls with users and acls; see docs/upgrading.md");
    }

    private static string Describe(string tls, string auth) => $"tls.source {tls}, auth.mode {auth}";

    private static (string Path, string Why)? WhyReachable(ValuesDocument values)
    {
        if (values.Boolean("externalAccess.enabled") == true)
            return ("externalAccess.enabled", "externalAccess.enabled publishes them outside the cluster");
        if (values.Boolean("networkPolicy.enabled") == false)
            return ("networkPolicy.enabled", "networkPolicy.enabled is false, so every pod of the cluster reaches them");
        if (values.Get("networkPolicy.allowedClients") is JsonArray peers
            && peers.OfType<JsonObject>().Any(p => p.ContainsKey("namespaceSelector") || p.ContainsKey("ipBlock")))
            return ("networkPolicy.allowedClients", "networkPolicy.allowedClients admits other namespaces or IP blocks");
        return null;
    }
}
