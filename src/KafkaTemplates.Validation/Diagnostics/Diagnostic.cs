namespace KafkaTemplates.Validation.Diagnostics;

/// <summary>
/// One finding: a stable code, a severity, where to look (a repo-relative path with '/' separators, a 1-based line
/// and column), a message that says what to change, and the help text of the code.
/// </summary>
public sealed record Diagnostic(string Code, Severity Severity, string File, int Line, int Column, string Message, string Help)
{
    public DiagnosticDescriptor Descriptor => DiagnosticCatalog.Get(Code);

    public override string ToString() =>
        $"{File}:{Line}:{Column}: {Severity.ToString().ToLowerInvariant()} {Code}: {Message}";
}
