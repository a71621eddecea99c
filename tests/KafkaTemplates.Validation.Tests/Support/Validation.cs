using KafkaTemplates.Testing;
using KafkaTemplates.Validation.Output;

namespace KafkaTemplates.Validation.Tests.Support;

/// <summary>Runs the validator as tests need it: with the real helm and promtool, or with a PATH that lacks them.</summary>
public static class Validation
{
    public static readonly IReadOnlyCollection<string> KnownTemplates = [GeneratedRepo.TemplateId];

    /// <summary>helm and promtool given explicitly, so nothing depends on the test host's PATH.</summary>
    public static ValidationOptions WithTools(bool warningsAsErrors = false) => new()
    {
        HelmPath = Tool.Helm,
        PromtoolPath = Tool.Promtool,
        SearchPath = "",
        KnownTemplates = KnownTemplates,
        WarningsAsErrors = warningsAsErrors,
    };

    /// <summary>A PATH with neither helm nor promtool on it.</summary>
    public static ValidationOptions WithoutTools() => new() { SearchPath = "", KnownTemplates = KnownTemplates };

    public static Task<ValidationReport> RunAsync(string repo, ValidationOptions? options = null) =>
        new RepoValidator().ValidateAsync(repo, options ?? WithTools());

    /// <summary>The report as text, for assertion messages that show what was found.</summary>
    public static string Describe(ValidationReport report) => TextReportWriter.Write(report, "repo");
}
