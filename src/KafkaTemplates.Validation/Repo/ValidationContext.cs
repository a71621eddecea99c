using KafkaTemplates.Engine.Answers;
using KafkaTemplates.Engine.FileSets;
using KafkaTemplates.Engine.Yaml;
using KafkaTemplates.Validation.Diagnostics;
using KafkaTemplates.Validation.Rendering;

namespace KafkaTemplates.Validation.Repo;

/// <summary>
/// What every rule of one validation shares: the repo's files, the documents read up front (answers, Chart.yaml,
/// values.yaml), the release the chart is rendered as, and the diagnostics found so far.
/// </summary>
internal sealed class ValidationContext
{
    private readonly HashSet<string> _rejectedBySchema = new(StringComparer.Ordinal);
    private readonly List<SkippedCheck> _skipped = [];

    internal ValidationContext(RepoFiles files, ValidationOptions options)
    {
        Files = files;
        Options = options;
        Sources = new TemplateSourceMap(files);
    }

    public RepoFiles Files { get; }

    public ValidationOptions Options { get; }

    public DiagnosticBag Diagnostics { get; } = new();

    public YamlDocument? AnswersDocument { get; internal set; }

    /// <summary>The answers file, when it is complete; see <see cref="AnswersDocument"/> for the raw document.</summary>
    public AnswersFile? Answers { get; internal set; }

    public YamlDocument? Chart { get; internal set; }

    public ValuesDocument? Values { get; internal set; }

    /// <summary>The release and namespace helm renders as, by the rule install uses; null when they cannot be derived.</summary>
    public ReleaseIdentity? Identity { get; internal set; }

    /// <summary>Why <see cref="Identity"/> is null.</summary>
    public string? IdentityProblem { get; internal set; }

    /// <summary>The `ci` answer (github or gitlab), or what the repo's files show when the answers file is missing.</summary>
    public string? Ci { get; internal set; }

    internal TemplateSourceMap Sources { get; }

    public IReadOnlyList<SkippedCheck> Skipped => _skipped;

    /// <summary>Files with unresolved conflict markers, and .rej files: YAML among them is not parsed (KT1007 says why).</summary>
    public IReadOnlyList<UnresolvedConflict> Conflicts { get; internal set; } = [];

    public void Report(DiagnosticDescriptor descriptor, SourceMark at, string message, string? context = null) =>
        Diagnostics.Report(descriptor, at, message, context);

    public void Skip(string check, string reason) => _skipped.Add(new SkippedCheck(check, reason));

    /// <summary>Remembers a values path the schema rejected, so later rules do not report the same value again.</summary>
    internal void RejectedBySchema(string dottedPath) => _rejectedBySchema.Add(dottedPath);

    public bool IsRejectedBySchema(string dottedPath) =>
        _rejectedBySchema.Any(p => dottedPath == p || dottedPath.StartsWith(p + ".", StringComparison.Ordinal));
}
