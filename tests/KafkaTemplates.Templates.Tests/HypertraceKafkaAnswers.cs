namespace KafkaTemplates.Templates.Tests;

/// <summary>
/// Answer sets for hypertrace-kafka that together cover every choice and the boundary values of every parameter.
/// Each is given to every front door the same way: <c>--set k=v</c> to the engine, <c>--k v</c> to dotnet new.
/// </summary>
public sealed record HypertraceKafkaAnswers(string Id, string Folder, IReadOnlyDictionary<string, string> Answers)
{
    public static readonly IReadOnlyList<HypertraceKafkaAnswers> All =
    [
        // Only the folder: every default, the name from the folder.
        new("defaults", "payments-kafka", new Dictionary<string, string>()),
        // Smallest cluster, GitLab, an explicit StorageClass.
        new("one-broker-gitlab", "orders", new Dictionary<string, string>
        {
            ["name"] = "orders", ["owner"] = "orders-team", ["brokers"] = "1", ["ci"] = "gitlab", ["storageClass"] = "fast-ssd",
        }),
        // Largest cluster, dedicated quorum, the longest name.
        new("fifteen-brokers-dedicated", "big", new Dictionary<string, string>
        {
            ["name"] = "a234567890123456789012345678901234567890", ["brokers"] = "15", ["controllerLayout"] = "dedicated",
            ["storageSize"] = "999999Ti",
        }),
        // Two brokers with a dedicated quorum, its own namespace and description.
        new("two-brokers-namespace", "analytics", new Dictionary<string, string>
        {
            ["name"] = "analytics", ["brokers"] = "2", ["controllerLayout"] = "dedicated", ["namespace"] = "data-platform",
            ["description"] = "Analytics events: clicks, views & searches (#1 priority, 'gold' tier).", ["ci"] = "gitlab",
        }),
        // A private registry with a port, and a project in a GitLab subgroup that the catalog entry names.
        new("private-registry", "ledger", new Dictionary<string, string>
        {
            ["name"] = "ledger", ["owner"] = "finance", ["imageRepository"] = "registry.example.com:5000/finance/kafka-ledger",
            ["repoUrl"] = "https://gitlab.example.com/finance/infra/ledger-kafka", ["repoHost"] = "gitlab", ["ci"] = "gitlab",
        }),
        // A GitHub repo at the default address, named by the catalog entry.
        new("repo-on-github", "payments", new Dictionary<string, string>
        {
            ["name"] = "payments", ["owner"] = "acme", ["repoHost"] = "github",
        }),
        // Owner names with dots and underscores; the smallest storage quantity in Mi.
        new("owner-punctuation", "stream", new Dictionary<string, string>
        {
            ["name"] = "stream", ["owner"] = "team_data.platform", ["storageSize"] = "1Mi", ["storageClass"] = "gp3.encrypted",
        }),
        // The shortest name and three brokers in the combined layout, with everything else explicit.
        new("one-letter-name", "k", new Dictionary<string, string>
        {
            ["name"] = "k", ["owner"] = "k", ["namespace"] = "k", ["brokers"] = "3", ["controllerLayout"] = "combined",
            ["storageSize"] = "20Gi", ["ci"] = "github",
        }),
        // Client certificates signed by cert-manager.
        new("auth-mtls", "certs", new Dictionary<string, string>
        {
            ["name"] = "certs", ["authMode"] = "mtls", ["certSource"] = "cert-manager",
        }),
        // SCRAM with certificates from Secrets the team provides, dedicated controllers (a second certificate).
        new("scram-existing-secret", "vault", new Dictionary<string, string>
        {
            ["name"] = "vault", ["authMode"] = "scram", ["certSource"] = "secret", ["controllerLayout"] = "dedicated",
        }),
        // No client authentication (a team that must migrate first): TLS from cert-manager, no authorizer.
        new("auth-none", "open", new Dictionary<string, string>
        {
            ["name"] = "open", ["authMode"] = "none",
        }),
        // Characters that mean something to YAML, Helm, Nunjucks and GitHub, inert in a description.
        new("description-with-syntax", "syntax", new Dictionary<string, string>
        {
            ["name"] = "syntax", ["description"] = "Uses ${{ values.name }}, {{ .Values.x }}, {% raw %}, key: value # not a comment",
        }),
    ];

    public override string ToString() => Id;
}
