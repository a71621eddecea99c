using KafkaTemplates.Engine.Text;

namespace KafkaTemplates.Validation.Diagnostics;

/// <summary>
/// Every code the validator reports. Codes are stable: a code keeps its meaning forever, and a retired code is never
/// reused. The first digit is the area (1 repo, 2 chart, 3 Kubernetes objects, 4 Kafka, 5 alerts, 6 image, 7 CI);
/// within the chart area, 21xx are the checks that run helm.
/// </summary>
public static class DiagnosticCatalog
{
    // ---- KT1xxx: repo structure -------------------------------------------------------------------------------

    public static readonly DiagnosticDescriptor AnswersFileMissing = new(
        "KT1001", "AnswersFileMissing", DiagnosticArea.Repo, Severity.Error,
        "The answers file .kafka-templates.yaml is missing",
        "Every generated repo records how it was made in .kafka-templates.yaml: the template id, its version, its source " +
        "and the answers. `kafka-templates diff` and `upgrade` cannot work without it. Restore it from git history, or " +
        "re-create it by scaffolding the same template with the same answers into a scratch folder and copying the file.");

    public static readonly DiagnosticDescriptor AnswersFileInvalid = new(
        "KT1002", "AnswersFileInvalid", DiagnosticArea.Repo, Severity.Error,
        "The answers file lacks a field or has a field of the wrong kind",
        "The answers file must be a mapping with `template` (the template id), `version` (a SemVer version), `source` " +
        "(`builtin`, a folder path, or `git+<url>@<tag>`) and `answers` (a mapping of parameter: value). The file is " +
        "written by kafka-templates; do not edit it by hand. Change answers with `kafka-templates upgrade --set name=value`.");

    public static readonly DiagnosticDescriptor UnknownTemplate = new(
        "KT1003", "UnknownTemplate", DiagnosticArea.Repo, Severity.Error,
        "The answers file names a template that is not known",
        "The `template` field of .kafka-templates.yaml must name a template this tool ships (see `kafka-templates list`), " +
        "or one found at the folder recorded in `source`. A misspelt or renamed template id breaks `diff` and `upgrade`. " +
        $"Fix the id, or validate against the templates the repo came from ({Setting.Templates}).");

    public static readonly DiagnosticDescriptor RequiredFileMissing = new(
        "KT1004", "RequiredFileMissing", DiagnosticArea.Repo, Severity.Error,
        "A file every deployment repo needs is missing",
        "A hypertrace-kafka deployment repo needs: Dockerfile, docker/entrypoint.sh, README.md, catalog-info.yaml, " +
        "docs/runbooks.md, helm/Chart.yaml, helm/values.yaml, helm/values.schema.json, helm/templates/ (with NOTES.txt), " +
        "helm/files/jmx-exporter.yaml, and the CI files of its `ci` answer (.github/workflows/ci.yaml or .gitlab-ci.yml). " +
        "Restore the file from git history or from a freshly scaffolded repo.");

    public static readonly DiagnosticDescriptor ScriptNotExecutable = new(
        "KT1005", "ScriptNotExecutable", DiagnosticArea.Repo, Severity.Error,
        "A script the image runs is not executable",
        "The Dockerfile copies docker/*.sh into the image without changing its mode, so a script that lost its executable " +
        "bit makes every Kafka container fail at start with `permission denied`. Run `chmod +x <file>` and commit the mode " +
        "(`git update-index --chmod=+x <file>` on Windows).");

    public static readonly DiagnosticDescriptor AnswersBreakParameterRules = new(
        "KT1006", "AnswersBreakParameterRules", DiagnosticArea.Repo, Severity.Error,
        "A recorded answer breaks the template's rules for its parameter",
        "The answers in .kafka-templates.yaml are what `diff` and `upgrade` render the template with, so they must pass " +
        "the same checks as at `kafka-templates new`: type, pattern, choices, range. An answer edited by hand to a value " +
        "the template refuses makes every later upgrade fail. Put the answer back, or change it with " +
        "`kafka-templates upgrade --set name=value`, which checks it. The check runs when this tool ships the recorded " +
        "template version.");

    public static readonly DiagnosticDescriptor UnresolvedConflict = new(
        "KT1007", "UnresolvedConflict", DiagnosticArea.Repo, Severity.Error,
        "A file still holds the conflict an upgrade or merge left in it",
        "When `kafka-templates upgrade` cannot merge the team's change with the template's, it leaves both between " +
        "conflict markers (`<<<<<<< local (your repo)`, `||||||| <template> <old version>`, `=======`, " +
        "`>>>>>>> <template> <new version>`), or with `--conflict rej` writes the template's change to `<file>.rej`. " +
        "Until a person resolves it the file is not what either side meant (YAML with markers does not even parse), " +
        "so upgrade, diff and check report it too. Edit the file: keep the lines you want, delete the four marker " +
        "lines; for a .rej file, apply its change by hand and delete it. Then commit.");

    // ---- KT2xxx: chart -------------------------------------------------------------------------------------------

    public static readonly DiagnosticDescriptor ChartApiVersion = new(
        "KT2001", "ChartApiVersionNotV2", DiagnosticArea.Chart, Severity.Error,
        "Chart.yaml apiVersion is not v2",
        "Helm 3 and 4 charts use `apiVersion: v2`. A v1 chart is read in Helm 2 compatibility mode, which handles " +
        "dependencies and the chart type differently. Set `apiVersion: v2` in helm/Chart.yaml.",
        BlocksRendering: true);

    public static readonly DiagnosticDescriptor ChartName = new(
        "KT2002", "ChartNameInvalid", DiagnosticArea.Chart, Severity.Error,
        "Chart.yaml name is missing or not a valid chart name",
        "The chart name goes into object names and the app.kubernetes.io/name label, so it must be lower-case letters, " +
        "digits and dashes, start with a letter and be at most 40 characters long. The template uses `kafka`.",
        BlocksRendering: true);

    public static readonly DiagnosticDescriptor ChartVersion = new(
        "KT2003", "ChartVersionNotSemVer", DiagnosticArea.Chart, Severity.Error,
        "Chart.yaml version is missing or not a SemVer version",
        "Helm requires the chart `version` to be SemVer 2 (for example 0.1.0 or 1.4.0-rc.1). Bump it whenever the chart " +
        "changes, so releases can be told apart.",
        BlocksRendering: true);

    public static readonly DiagnosticDescriptor ChartAppVersion = new(
        "KT2004", "ChartAppVersionMissing", DiagnosticArea.Chart, Severity.Error,
        "Chart.yaml appVersion is missing",
        "`appVersion` is the Apache Kafka version the image is built with. The chart uses it as the default image tag and " +
        "as the app.kubernetes.io/version label, so without it pods run an image tagged with an empty string. Set it to " +
        "the KAFKA_VERSION of the Dockerfile, quoted (for example appVersion: \"4.2.0\").",
        BlocksRendering: true);

    public static readonly DiagnosticDescriptor AppVersionMismatch = new(
        "KT2005", "AppVersionDiffersFromImage", DiagnosticArea.Chart, Severity.Error,
        "Chart.yaml appVersion differs from the Kafka version the Dockerfile builds",
        "The chart's default image tag is its appVersion, and CI tags the image with the Dockerfile's KAFKA_VERSION. When " +
        "they differ, the chart deploys an image CI never built. Change both together: `ARG KAFKA_VERSION` (and its SHA-512) " +
        "in the Dockerfile and `appVersion` in helm/Chart.yaml.");

    public static readonly DiagnosticDescriptor ValuesSchemaViolation = new(
        "KT2006", "ValuesViolateSchema", DiagnosticArea.Chart, Severity.Error,
        "values.yaml does not satisfy values.schema.json",
        "helm/values.schema.json describes every setting of the chart: its type, its allowed values and the keys that " +
        "exist. `helm lint`, `helm install` and `helm upgrade` refuse values that break it. The location points at the " +
        "offending key or value in helm/values.yaml; the message names the rule. Fix the value, or the spelling of the key.",
        BlocksRendering: true);

    public static readonly DiagnosticDescriptor ValuesSchemaInvalid = new(
        "KT2007", "ValuesSchemaInvalid", DiagnosticArea.Chart, Severity.Error,
        "values.schema.json is not valid JSON or not a valid JSON Schema",
        "Helm reads helm/values.schema.json as a JSON Schema (draft 7) and fails every lint, install and upgrade when it " +
        "cannot. Fix the JSON syntax or the schema keyword at the location given.",
        BlocksRendering: true);

    public static readonly DiagnosticDescriptor HelmNotFound = new(
        "KT2101", "HelmNotFound", DiagnosticArea.Chart, Severity.Warning,
        "helm was not found, so the chart was not rendered",
        $"`helm lint --strict` and `helm template` run only when helm is found (on PATH, or {Setting.Helm}). Without them " +
        "the Kubernetes object checks (KT3xxx) and the alert checks that need the rendered PrometheusRule (KT5001-KT5006, KT5008 " +
        "and KT5009) are skipped; every other check still runs. Install Helm 3.8 or later (the template is tested with Helm 4).");

    public static readonly DiagnosticDescriptor HelmTemplateFailed = new(
        "KT2102", "HelmTemplateFailed", DiagnosticArea.Chart, Severity.Error,
        "helm template fails",
        "The chart is rendered with the repo's values and with every feature switch of values.yaml turned on (JMX exporter " +
        "as agent and as sidecar, ServiceMonitor, PrometheusRule, external access, StorageClass, anti-affinity, " +
        "NetworkPolicy, PodDisruptionBudget). A failure means `helm install` would fail too, now or the day someone flips " +
        "the switch. The message is helm's, with the template file and line it names.");

    public static readonly DiagnosticDescriptor HelmLintFailed = new(
        "KT2103", "HelmLintFailed", DiagnosticArea.Chart, Severity.Error,
        "helm lint --strict reports a problem",
        "`helm lint --strict` checks what rendering alone does not, such as object names that Kubernetes would refuse; " +
        "with --strict its warnings fail too. It runs with the same value sets as `helm template`, once the chart renders.");

    // ---- KT3xxx: Kubernetes objects ----------------------------------------------------------------------------

    public static readonly DiagnosticDescriptor UnknownField = new(
        "KT3001", "UnknownField", DiagnosticArea.Kubernetes, Severity.Error,
        "A rendered object has a field Kubernetes does not know",
        "Rendered objects are read strictly into the Kubernetes API types. An unknown field is usually a typo or a field " +
        "at the wrong indentation; the API server drops it silently (or refuses it with strict field validation), so the " +
        "setting never takes effect. The location is the template line that writes the field.");

    public static readonly DiagnosticDescriptor WrongFieldType = new(
        "KT3002", "WrongFieldType", DiagnosticArea.Kubernetes, Severity.Error,
        "A rendered field has the wrong type",
        "The value cannot be read as the type the Kubernetes API expects (a word where a number or a boolean goes, a list " +
        "where a mapping goes). The API server would refuse the object. Fix the template or the value it prints.");

    public static readonly DiagnosticDescriptor DuplicateKey = new(
        "KT3003", "DuplicateKey", DiagnosticArea.Kubernetes, Severity.Error,
        "A rendered object has the same key twice",
        "YAML parsers disagree on duplicate keys: some keep the first, some the last, some refuse the document. kubectl " +
        "and Helm may apply a different value than the one you read. Remove one of the two keys from the template.");

    public static readonly DiagnosticDescriptor ObjectIdentityMissing = new(
        "KT3004", "ObjectIdentityMissing", DiagnosticArea.Kubernetes, Severity.Error,
        "A rendered object lacks apiVersion, kind or metadata.name",
        "Every Kubernetes object needs apiVersion, kind and metadata.name; Helm renders such a document without complaint " +
        "but cannot install it.");

    public static readonly DiagnosticDescriptor SelectorMismatch = new(
        "KT3101", "SelectorDoesNotMatchPods", DiagnosticArea.Kubernetes, Severity.Error,
        "A workload's selector does not match its own pod template labels",
        "A StatefulSet or Deployment must select the pods it creates: every spec.selector label must be set, with the same " +
        "value, in spec.template.metadata.labels. The API server refuses the object otherwise.");

    public static readonly DiagnosticDescriptor ServiceSelectsNothing = new(
        "KT3102", "ServiceSelectsNoPods", DiagnosticArea.Kubernetes, Severity.Error,
        "A Service selects no pod of the release",
        "The Service's selector matches the labels of no pod template in the chart, so it gets no endpoints and clients " +
        "cannot connect. Use the chart's selector labels (app.kubernetes.io/name, instance and component).");

    public static readonly DiagnosticDescriptor PdbSelectsNothing = new(
        "KT3103", "PdbSelectsNoPods", DiagnosticArea.Kubernetes, Severity.Error,
        "A PodDisruptionBudget selects no pod of the release",
        "A PodDisruptionBudget that matches no pods protects nothing: a node drain can take down several brokers at once. " +
        "Use the selector labels of the StatefulSet it protects.");

    public static readonly DiagnosticDescriptor GoverningServiceNotHeadless = new(
        "KT3104", "GoverningServiceNotHeadless", DiagnosticArea.Kubernetes, Severity.Error,
        "A StatefulSet's serviceName names no headless Service",
        "spec.serviceName must name a Service of the release with `clusterIP: None`. That headless Service gives every " +
        "broker and controller its stable DNS name (<pod>.<service>.<namespace>.svc), which the KRaft quorum and the " +
        "advertised listeners rely on.");

    public static readonly DiagnosticDescriptor NotReadyAddressesHidden = new(
        "KT3105", "NotReadyAddressesNotPublished", DiagnosticArea.Kubernetes, Severity.Error,
        "A headless Service of a StatefulSet does not publish not-ready addresses",
        "Kafka pods become ready only after the KRaft quorum has formed, and the quorum forms only when the controllers " +
        "can resolve each other. Set `publishNotReadyAddresses: true` on the headless Service, or the cluster never starts.");

    public static readonly DiagnosticDescriptor ProbePortUndeclared = new(
        "KT3106", "ProbePortNotOnContainer", DiagnosticArea.Kubernetes, Severity.Error,
        "A probe checks a port the container does not declare",
        "A probe's port (a name or a number) must be one of the container's ports. A named port that does not exist " +
        "makes the kubelet fail the probe forever, so the pod never becomes ready or is restarted in a loop.");

    public static readonly DiagnosticDescriptor ServiceTargetPortUndeclared = new(
        "KT3107", "ServiceTargetPortNotOnPods", DiagnosticArea.Kubernetes, Severity.Error,
        "A Service's targetPort is not a port of the pods it selects",
        "Each Service port forwards to targetPort (a container port name or number) on the selected pods. When no " +
        "container declares it, a named port gets no endpoints and a numbered one reaches nothing.");

    public static readonly DiagnosticDescriptor SecurityContextNotRestricted = new(
        "KT3108", "SecurityContextNotRestricted", DiagnosticArea.Kubernetes, Severity.Error,
        "A pod or container does not meet the restricted Pod Security Standard",
        "Namespaces that enforce the `restricted` Pod Security Standard refuse the pod. Every container needs " +
        "runAsNonRoot: true (on the pod or the container), a non-zero runAsUser, allowPrivilegeEscalation: false, " +
        "capabilities.drop: [ALL], no privileged mode, and a RuntimeDefault (or Localhost) seccomp profile; pods may not " +
        "use the host network, PID or IPC namespaces or hostPath volumes.");

    public static readonly DiagnosticDescriptor ResourcesMissing = new(
        "KT3109", "ResourcesMissing", DiagnosticArea.Kubernetes, Severity.Error,
        "A container lacks resource requests or a memory limit",
        "Every container needs requests.cpu and requests.memory (so the scheduler places it sensibly) and limits.memory " +
        "(so one runaway JVM cannot take the node's memory). Kafka sizes its heap against the memory limit.");

    public static readonly DiagnosticDescriptor ImageTagFloating = new(
        "KT3110", "ImageTagLatest", DiagnosticArea.Kubernetes, Severity.Error,
        "A container image uses the latest tag or no tag",
        "`latest` (and an image without a tag, which means latest) changes under you: two brokers can run different Kafka " +
        "builds, and a restart can upgrade a broker by accident. Use the immutable tag CI pushes, or a digest.");

    public static readonly DiagnosticDescriptor AntiAffinityMissing = new(
        "KT3111", "AntiAffinityMissing", DiagnosticArea.Kubernetes, Severity.Warning,
        "A StatefulSet with more than one replica has no pod anti-affinity",
        "Without pod anti-affinity the scheduler may put several brokers or controllers on one node, and losing that node " +
        "loses several replicas of a partition, or the quorum. Set affinity.podAntiAffinity to soft or hard in values.yaml.");

    public static readonly DiagnosticDescriptor PdbMissing = new(
        "KT3112", "PodDisruptionBudgetMissing", DiagnosticArea.Kubernetes, Severity.Warning,
        "A StatefulSet with more than one replica has no PodDisruptionBudget",
        "Without a PodDisruptionBudget a node drain may evict several Kafka pods at once, taking partitions below " +
        "min.insync.replicas or the quorum below its majority. Set podDisruptionBudget.enabled: true in values.yaml.");

    public static readonly DiagnosticDescriptor NetworkPolicyMissing = new(
        "KT3113", "NetworkPolicyMissing", DiagnosticArea.Kubernetes, Severity.Warning,
        "No NetworkPolicy covers the Kafka pods",
        "Without a NetworkPolicy every pod in the cluster can reach the brokers' PLAINTEXT listeners and the KRaft " +
        "controllers. Set networkPolicy.enabled: true in values.yaml and list the clients in networkPolicy.allowedClients.");

    public static readonly DiagnosticDescriptor ServiceAccountMissing = new(
        "KT3114", "ServiceAccountNotCreated", DiagnosticArea.Kubernetes, Severity.Warning,
        "The pods use a ServiceAccount the chart does not create",
        "The pods name a ServiceAccount that is not among the rendered objects. Unless it already exists in the namespace, " +
        "the StatefulSet cannot create any pod. Set serviceAccount.create: true, or create the account before installing.");

    // ---- KT4xxx: Kafka semantics -------------------------------------------------------------------------------

    public static readonly DiagnosticDescriptor ReplicationAboveBrokers = new(
        "KT4001", "ReplicationFactorAboveBrokers", DiagnosticArea.Kafka, Severity.Error,
        "A replication factor is above the broker count",
        "A partition cannot have more replicas than there are brokers: topic creation fails, and with " +
        "offsets.topic.replication.factor above the broker count consumers cannot even join a group. Lower the factor to " +
        "at most broker.replicas, or set it to 0 so the chart uses min(3, brokers).",
        BlocksRendering: true);

    public static readonly DiagnosticDescriptor MinIsrNotBelowReplication = new(
        "KT4002", "MinIsrNotBelowReplicationFactor", DiagnosticArea.Kafka, Severity.Error,
        "min.insync.replicas is not below the replication factor",
        "With acks=all a write needs min.insync.replicas in-sync replicas. When that equals the replication factor, one " +
        "broker restart (every rolling upgrade) blocks producers; when it is larger, they can never write. Use " +
        "replication factor - 1, or 0 to let the chart derive it.",
        BlocksRendering: true);

    public static readonly DiagnosticDescriptor EvenControllerQuorum = new(
        "KT4003", "EvenControllerQuorum", DiagnosticArea.Kafka, Severity.Error,
        "The KRaft controller quorum has an even number of voters",
        "A KRaft quorum needs a majority of its voters. Four voters tolerate one failure, like three, but need one more " +
        "node up; two voters tolerate none. Use 3 (or 5) controllers: controller.replicas in the dedicated layout, " +
        "kraft.combinedControllers in the combined one.",
        BlocksRendering: true);

    public static readonly DiagnosticDescriptor CombinedControllersAboveBrokers = new(
        "KT4004", "CombinedControllersAboveBrokers", DiagnosticArea.Kafka, Severity.Error,
        "More combined controllers are configured than there are brokers",
        "In the combined layout the first kraft.combinedControllers brokers also vote in the quorum, so there cannot be " +
        "more of them than broker.replicas. Lower kraft.combinedControllers, or set 0 for 3 (1 with fewer than 3 brokers).",
        BlocksRendering: true);

    public static readonly DiagnosticDescriptor HeapNotBelowLimit = new(
        "KT4005", "HeapNotBelowMemoryLimit", DiagnosticArea.Kafka, Severity.Error,
        "The JVM heap is not below the container's memory limit",
        "-Xmx only bounds the heap; metaspace, thread stacks and direct buffers come on top, and Kafka relies on the page " +
        "cache for reads. A heap at or above resources.limits.memory gets the container OOM-killed under load. Keep -Xmx at " +
        "about half the memory limit.",
        BlocksRendering: true);

    public static readonly DiagnosticDescriptor PortCollision = new(
        "KT4006", "PortUsedTwice", DiagnosticArea.Kafka, Severity.Error,
        "Two listeners or exporters of a Kafka pod use the same port",
        "The client, inter-broker, controller and external listeners, the JMX exporter and the local JMX port share the " +
        "pod's network namespace; a port used twice makes Kafka (or the exporter) fail to bind at start. Give each its own port.",
        BlocksRendering: true);

    public static readonly DiagnosticDescriptor QuantityInvalid = new(
        "KT4007", "QuantityInvalid", DiagnosticArea.Kafka, Severity.Error,
        "A storage or resource quantity does not parse or is not positive",
        "Sizes, CPU and memory are Kubernetes quantities: a number with an optional suffix (Ki, Mi, Gi, Ti for powers of " +
        "1024; k, M, G, T for powers of 1000; m for thousandths), such as 20Gi, 1500M or 500m. A zero size or a zero " +
        "memory limit cannot run a broker.",
        BlocksRendering: true);

    public static readonly DiagnosticDescriptor ManagedConfigOverridden = new(
        "KT4008", "ManagedKafkaSettingOverridden", DiagnosticArea.Kafka, Severity.Error,
        "kafka.config sets a property the chart manages, or one Kafka 4 no longer has",
        "The chart and the entry point derive node.id, process.roles, the listeners, the quorum and log.dirs from the pod; " +
        "overriding them in kafka.config breaks the cluster (the chart refuses it). zookeeper.* properties do nothing in " +
        "Kafka 4, which runs KRaft only. Remove the key from kafka.config.",
        BlocksRendering: true);

    public static readonly DiagnosticDescriptor RequestAboveLimit = new(
        "KT4009", "RequestAboveLimit", DiagnosticArea.Kafka, Severity.Error,
        "A resource request is above its limit",
        "Kubernetes refuses a pod whose request for CPU or memory is larger than its limit, so the StatefulSet creates no " +
        "pod at all. Raise the limit or lower the request.",
        BlocksRendering: true);

    public static readonly DiagnosticDescriptor ListenerOpenBeyondNamespace = new(
        "KT4010", "ListenerOpenBeyondNamespace", DiagnosticArea.Kafka, Severity.Error,
        "A plaintext or unauthenticated listener is reachable from outside the namespace",
        "With tls.source none the listeners send every record and credential in clear; with auth.mode none anyone who " +
        "reaches the client port may read, write and delete every topic. That is tolerable only inside the team's own " +
        "namespace, behind the chart's NetworkPolicy. Here the listener is reachable from further away: external access " +
        "is on, the NetworkPolicy is off, or networkPolicy.allowedClients admits other namespaces or IP blocks. Choose a " +
        "certificate source (tls.source cert-manager or secret) and an authentication mode (auth.mode scram or mtls), or " +
        "keep the listener inside the namespace. See docs/upgrading.md for the order of steps that keeps clients working.");

    public static readonly DiagnosticDescriptor AuthenticationWithoutTls = new(
        "KT4011", "AuthenticationWithoutTls", DiagnosticArea.Kafka, Severity.Error,
        "SASL or client-certificate authentication is chosen without TLS",
        "auth.mode scram sends SCRAM exchanges over the listener, and auth.mode mtls needs TLS to present client " +
        "certificates at all; with tls.source none there is no TLS, so the chart refuses to render. Choose a certificate " +
        "source (tls.source cert-manager or secret), or auth.mode none while a 1.x repo migrates.",
        BlocksRendering: true);

    public static readonly DiagnosticDescriptor SecurityMigrationPending = new(
        "KT4012", "SecurityMigrationPending", DiagnosticArea.Kafka, Severity.Warning,
        "The cluster still runs without TLS or without client authentication",
        "hypertrace-kafka 2.0.0 makes clusters secure by default, but a repo upgraded from 1.x keeps tls.source none and " +
        "auth.mode none so its existing clients keep working. What is left to do, in order (docs/upgrading.md): 1. set " +
        "tls.source (cert-manager, or secret with tls.crt, tls.key and ca.crt) and roll out: clients switch to the TLS " +
        "bootstrap address with the CA; 2. set auth.mode scram (or mtls), declare users and acls in values.yaml and give " +
        "each client its credentials; 3. remove any client still using the old settings. New repos start at the end state.");

    public static readonly DiagnosticDescriptor CertificateNotRendered = new(
        "KT4013", "CertificateNotRendered", DiagnosticArea.Kafka, Severity.Error,
        "cert-manager is chosen but the chart renders no Certificate for a role",
        "With tls.source cert-manager the pods mount the Secret a cert-manager Certificate writes (<fullname>-broker-tls, " +
        "and <fullname>-controller-tls for dedicated controllers). When the chart renders no Certificate for that Secret " +
        "(helm/templates/certificates.yaml removed or edited), the pods wait forever for a Secret nobody creates. Restore " +
        "helm/templates/certificates.yaml, or choose tls.source secret and create the Secrets yourself.");

    public static readonly DiagnosticDescriptor NamedSecretNotInRepo = new(
        "KT4014", "NamedSecretNotInRepo", DiagnosticArea.Kafka, Severity.Warning,
        "The pods need a Secret that the repo does not create",
        "With tls.source secret the pods mount Secrets the team creates (tls.brokerSecret, tls.controllerSecret, or the " +
        "default names <fullname>-broker-tls and <fullname>-controller-tls), each with tls.crt, tls.key (PKCS#8) and " +
        "ca.crt. Nothing in the repo shows that they exist, so a pod stays in ContainerCreating until they do. Create them " +
        "in the namespace before installing (kafka-templates install checks), or use tls.source cert-manager.");

    public static readonly DiagnosticDescriptor AclPrincipalNotDeclared = new(
        "KT4015", "AclPrincipalNotDeclared", DiagnosticArea.Kafka, Severity.Error,
        "An ACL names a user the values do not declare",
        "Every principal an entry of acls names must be a user of the users list (auth.mode scram: a SCRAM user the hook " +
        "Job creates; auth.mode mtls: the principal a client certificate maps to), or one of the cluster's super users " +
        "(the brokers, the controllers and auth.adminUser), who need no ACL. An ACL for anybody else grants nothing a " +
        "client can use, and usually means a misspelt name or a user that was dropped from the list. Add the user to " +
        "users, or correct the principal (User:<name>).");

    public static readonly DiagnosticDescriptor TopicReplicationAboveBrokers = new(
        "KT4016", "TopicReplicationFactorAboveBrokers", DiagnosticArea.Kafka, Severity.Error,
        "A declared topic's replication factor is above the broker count",
        "Kafka refuses to create a topic with more replicas than there are brokers (InvalidReplicationFactorException), " +
        "so the hook Job that applies topics fails on it and stops there. Lower topics[].replicationFactor to at most " +
        "broker.replicas, or leave it at 0 for the cluster's default replication factor.");

    public static readonly DiagnosticDescriptor TopicMinIsrAboveReplication = new(
        "KT4017", "TopicMinIsrAboveReplicationFactor", DiagnosticArea.Kafka, Severity.Error,
        "A declared topic's min.insync.replicas is above its replication factor",
        "A producer with acks=all can write to a partition only while at least min.insync.replicas replicas are in " +
        "sync. When a topic's min.insync.replicas (its own config, or the cluster's min.insync.replicas it inherits) is " +
        "above the topic's replication factor, that can never happen: every acks=all write fails with " +
        "NotEnoughReplicasException. Keep min.insync.replicas below the replication factor (rf - 1 lets one broker " +
        "restart without blocking writes), or raise the topic's replicationFactor.");

    public static readonly DiagnosticDescriptor DuplicateDeclaration = new(
        "KT4018", "DuplicateTopicOrUser", DiagnosticArea.Kafka, Severity.Error,
        "A topic or a user is declared twice",
        "topics and users are lists of names the hook Job makes exist, one entry per name. A second entry with the same " +
        "name would mean two partition counts, two configs or two password Secrets for one thing; the chart refuses to " +
        "render. Merge the two entries into one.",
        BlocksRendering: true);

    public static readonly DiagnosticDescriptor SuperUsersLockOutBrokers = new(
        "KT4019", "SuperUsersLockOutBrokers", DiagnosticArea.Kafka, Severity.Error,
        "The brokers or controllers would not be super users",
        "With an authorizer on (auth.mode scram or mtls) Kafka denies everything no ACL allows, including the cluster's " +
        "own traffic: brokers register with the controllers and replicate as their certificate's principal (or, with " +
        "scram, the inter-broker SCRAM user), and the chart makes exactly those principals super users. When " +
        "auth.principalMappingRules maps the nodes' certificate names to something else, or a KAFKA_CFG_SUPER_USERS " +
        "environment variable replaces super.users without them, the brokers are denied CLUSTER_ACTION and the cluster " +
        "never forms. Keep a rule that maps CN=<name> to <name> (the default RULE:^CN=([^,]+).*$/$1/,DEFAULT does), and " +
        "leave super.users to the chart.");

    // ---- KT5xxx: alerts -------------------------------------------------------------------------------------------

    public static readonly DiagnosticDescriptor PrometheusRuleStructure = new(
        "KT5001", "PrometheusRuleStructureInvalid", DiagnosticArea.Alerts, Severity.Error,
        "The PrometheusRule is not structured as the Prometheus operator expects",
        "A PrometheusRule needs spec.groups, each group a unique name and a list of rules, each rule either `alert` or " +
        "`record` (not both) and an `expr`. The operator rejects or silently skips anything else.");

    public static readonly DiagnosticDescriptor AlertWithoutFor = new(
        "KT5002", "AlertWithoutFor", DiagnosticArea.Alerts, Severity.Error,
        "An alert has no `for` window",
        "Without `for` an alert fires on the first evaluation that matches, so a single scrape hiccup pages someone. Give " +
        "every alert a `for` of at least a few minutes (the template uses 5m-15m).");

    public static readonly DiagnosticDescriptor AlertAnnotationMissing = new(
        "KT5003", "AlertAnnotationMissing", DiagnosticArea.Alerts, Severity.Error,
        "An alert lacks summary, description or runbook_url",
        "Whoever is paged needs to know what broke (summary), where and how badly (description, with $labels and $value) " +
        "and what to do (runbook_url, a link to the alert's section of docs/runbooks.md).");

    public static readonly DiagnosticDescriptor AlertSeverityMissing = new(
        "KT5004", "AlertSeverityMissing", DiagnosticArea.Alerts, Severity.Error,
        "An alert has no severity label",
        "Alertmanager routes on the `severity` label (critical pages, warning opens a ticket). Without it the alert lands in " +
        "the default route, or nowhere. Set labels.severity to critical, warning or info.");

    public static readonly DiagnosticDescriptor PromtoolFailed = new(
        "KT5005", "PromtoolCheckFailed", DiagnosticArea.Alerts, Severity.Error,
        "promtool check rules rejects an alert",
        "promtool parses every expression and annotation template as Prometheus would. A rule it rejects makes the " +
        "Prometheus operator drop the whole rule group. The message is promtool's.");

    public static readonly DiagnosticDescriptor AlertMetricNotExported = new(
        "KT5006", "AlertMetricNotExported", DiagnosticArea.Alerts, Severity.Error,
        "An alert uses a metric nothing produces",
        "An alert on a series that does not exist never fires. Every kafka_* series an alert uses must be named literally " +
        "by a rule in helm/files/jmx-exporter.yaml (rules whose names use $1 captures do not count, as their output depends " +
        "on the MBeans present); other series must be known kubelet, cAdvisor or kube-state-metrics series, or `up`.");

    public static readonly DiagnosticDescriptor ExporterConfigInvalid = new(
        "KT5007", "ExporterConfigInvalid", DiagnosticArea.Alerts, Severity.Error,
        "The JMX exporter configuration is invalid",
        "helm/files/jmx-exporter.yaml must parse as YAML and hold `rules`, each with a `pattern` that compiles as a regular " +
        "expression and, where given, a `name` that is a valid Prometheus metric name (letters, digits, _ and :, not " +
        "starting with a digit; $n captures allowed) and a `type` of GAUGE, COUNTER or UNTYPED. The exporter refuses to start " +
        "otherwise, and every Kafka pod with it.");

    public static readonly DiagnosticDescriptor PromtoolNotFound = new(
        "KT5008", "PromtoolNotFound", DiagnosticArea.Alerts, Severity.Note,
        "promtool was not found, so the alerts were not checked by promtool",
        "`promtool check rules` runs when promtool is on PATH. Install it (Debian and Ubuntu: the `prometheus` package) to " +
        "have every alert expression parsed as Prometheus parses it. The other alert checks still run.");

    public static readonly DiagnosticDescriptor RunbookSectionMissing = new(
        "KT5009", "RunbookSectionMissing", DiagnosticArea.Alerts, Severity.Warning,
        "An alert's runbook_url points to a section docs/runbooks.md does not have",
        "Every alert links to `docs/runbooks.md#<alert name in lower case>`. Add a heading with the alert's name to " +
        "docs/runbooks.md, saying what the alert means and what to do, so the link lands on it.");

    public static readonly DiagnosticDescriptor DashboardMetricNotExported = new(
        "KT5010", "DashboardMetricNotExported", DiagnosticArea.Alerts, Severity.Error,
        "A Grafana dashboard queries a series nothing exports",
        "The dashboard the chart ships (a ConfigMap with the grafana_dashboard label, from helm/files/grafana-dashboard.json) " +
        "must query only series that exist: those the JMX exporter rules of helm/files/jmx-exporter.yaml name literally, " +
        "and known kubelet, cAdvisor, kube-state-metrics or Prometheus series, the same rule as for alerts (KT5006). A " +
        "panel on any other series stays empty and nobody notices. Add an exporter rule with that `name:`, or fix the query.");

    // ---- KT6xxx: image -------------------------------------------------------------------------------------------

    public static readonly DiagnosticDescriptor BaseImageNotPinned = new(
        "KT6001", "BaseImageNotPinned", DiagnosticArea.Image, Severity.Error,
        "The base image is not pinned to a full version or a digest",
        "A floating tag such as `21-jre` moves to a new build without notice, so two builds of the same commit differ. " +
        "Pin the base to a full version tag (for example eclipse-temurin:21.0.9_10-jre-noble) or, better, a digest " +
        "(@sha256:...), and let a bot such as Renovate propose updates.");

    public static readonly DiagnosticDescriptor BaseImageLatest = new(
        "KT6002", "BaseImageLatest", DiagnosticArea.Image, Severity.Error,
        "The Dockerfile builds on the latest tag or on an image without a tag",
        "`FROM image` without a tag means `latest`, which is neither reproducible nor reviewed. Name a full version tag " +
        "or a digest.");

    public static readonly DiagnosticDescriptor ImageRunsAsRoot = new(
        "KT6003", "ImageRunsAsRoot", DiagnosticArea.Image, Severity.Error,
        "The image runs as root",
        "The last stage of the Dockerfile must switch to a non-root user with USER (numeric, such as 1000:1000, so that " +
        "Kubernetes can verify runAsNonRoot). Kafka needs no root rights.");

    public static readonly DiagnosticDescriptor DownloadNotVerified = new(
        "KT6004", "DownloadNotVerified", DiagnosticArea.Image, Severity.Error,
        "A download in the Dockerfile is not verified",
        "A RUN that fetches a file with curl or wget must check it in the same RUN (sha256sum/sha512sum --check against a " +
        "pinned digest, or gpg --verify against the publisher's key), and ADD <url> needs --checksum. Piping a download " +
        "into a shell is never verified. Otherwise a compromised mirror ships its code into every broker.");

    public static readonly DiagnosticDescriptor PipeWithoutPipefail = new(
        "KT6005", "PipeWithoutPipefail", DiagnosticArea.Image, Severity.Error,
        "A RUN with a pipe does not use pipefail",
        "`/bin/sh -c` reports only the last command of a pipe, so `curl ... | tar x` succeeds even when the download failed. " +
        "Put `SHELL [\"/bin/bash\", \"-o\", \"pipefail\", \"-c\"]` before such RUN lines in every stage, or start the RUN " +
        "with `set -o pipefail &&`.");

    public static readonly DiagnosticDescriptor NoFromInstruction = new(
        "KT6006", "DockerfileWithoutFrom", DiagnosticArea.Image, Severity.Error,
        "The Dockerfile has no FROM instruction",
        "A Dockerfile must start its build stages with FROM; docker build refuses one without it.");

    // ---- KT7xxx: CI --------------------------------------------------------------------------------------------

    public static readonly DiagnosticDescriptor CiFileUnparsable = new(
        "KT7001", "CiFileDoesNotParse", DiagnosticArea.Ci, Severity.Error,
        "A CI file is not valid YAML",
        "GitHub and GitLab ignore (or reject) a workflow they cannot parse, so CI silently stops checking the repo. Fix the " +
        "YAML at the location given.");

    public static readonly DiagnosticDescriptor CiFileStructure = new(
        "KT7002", "CiFileStructureInvalid", DiagnosticArea.Ci, Severity.Error,
        "A workflow or pipeline lacks a part it needs",
        "A GitHub workflow needs `on` and `jobs`; every job needs `runs-on` (or `uses` for a reusable workflow) and " +
        "`steps`; every step exactly one of `uses` and `run`. A GitLab job needs `script` (or `trigger`, or `extends`).");

    public static readonly DiagnosticDescriptor ActionNotPinned = new(
        "KT7003", "ActionNotPinned", DiagnosticArea.Ci, Severity.Error,
        "An action is not pinned to a full commit SHA",
        "`uses: owner/action@main` runs whatever that branch holds at the time, including code pushed by whoever takes over " +
        "the action, and a tag such as `@v3.29.5` can be moved the same way (as happened to tj-actions/changed-files). " +
        "The generated CI promises every third-party action pinned to a full commit SHA: pin each to the 40-character SHA " +
        "of its release, with the version in a comment (`uses: owner/action@<sha> # v1.2.3`).");

    public static readonly DiagnosticDescriptor CiImageFloating = new(
        "KT7004", "CiImageNotPinned", DiagnosticArea.Ci, Severity.Error,
        "A CI job image uses the latest tag or no tag",
        "A job image without a version tag changes under the pipeline: the same commit can pass today and fail tomorrow. " +
        "Name a version tag (or a digest) for every image, service and docker:// action.");

    public static IReadOnlyList<DiagnosticDescriptor> All { get; } =
    [
        AnswersFileMissing, AnswersFileInvalid, UnknownTemplate, RequiredFileMissing, ScriptNotExecutable, AnswersBreakParameterRules, UnresolvedConflict,
        ChartApiVersion, ChartName, ChartVersion, ChartAppVersion, AppVersionMismatch, ValuesSchemaViolation, ValuesSchemaInvalid,
        HelmNotFound, HelmTemplateFailed, HelmLintFailed,
        UnknownField, WrongFieldType, DuplicateKey, ObjectIdentityMissing,
        SelectorMismatch, ServiceSelectsNothing, PdbSelectsNothing, GoverningServiceNotHeadless, NotReadyAddressesHidden,
        ProbePortUndeclared, ServiceTargetPortUndeclared, SecurityContextNotRestricted, ResourcesMissing, ImageTagFloating,
        AntiAffinityMissing, PdbMissing, NetworkPolicyMissing, ServiceAccountMissing,
        ReplicationAboveBrokers, MinIsrNotBelowReplication, EvenControllerQuorum, CombinedControllersAboveBrokers,
        HeapNotBelowLimit, PortCollision, QuantityInvalid, ManagedConfigOverridden, RequestAboveLimit,
        ListenerOpenBeyondNamespace, AuthenticationWithoutTls, SecurityMigrationPending, CertificateNotRendered, NamedSecretNotInRepo,
        AclPrincipalNotDeclared, TopicReplicationAboveBrokers, TopicMinIsrAboveReplication, DuplicateDeclaration, SuperUsersLockOutBrokers,
        PrometheusRuleStructure, AlertWithoutFor, AlertAnnotationMissing, AlertSeverityMissing, PromtoolFailed,
        AlertMetricNotExported, ExporterConfigInvalid, PromtoolNotFound, RunbookSectionMissing, DashboardMetricNotExported,
        BaseImageNotPinned, BaseImageLatest, ImageRunsAsRoot, DownloadNotVerified, PipeWithoutPipefail, NoFromInstruction,
        CiFileUnparsable, CiFileStructure, ActionNotPinned, CiImageFloating,
    ];

    private static readonly Dictionary<string, DiagnosticDescriptor> ByCode =
        All.ToDictionary(d => d.Code, StringComparer.OrdinalIgnoreCase);

    public static DiagnosticDescriptor? Find(string code) => ByCode.GetValueOrDefault(code.Trim());

    public static DiagnosticDescriptor Get(string code) =>
        Find(code) ?? throw new KeyNotFoundException($"unknown diagnostic code '{code}'");
}
