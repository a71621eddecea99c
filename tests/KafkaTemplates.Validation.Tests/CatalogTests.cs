using System.Text.RegularExpressions;
using KafkaTemplates.Validation.Diagnostics;

namespace KafkaTemplates.Validation.Tests;

public partial class CatalogTests
{
    [Fact]
    public void Codes_are_unique_numbered_by_area_and_documented()
    {
        var codes = DiagnosticCatalog.All.Select(d => d.Code).ToList();
        Assert.Equal(codes.Count, codes.Distinct(StringComparer.Ordinal).Count());
        Assert.Equal(DiagnosticCatalog.All.Count, DiagnosticCatalog.All.Select(d => d.Name).Distinct(StringComparer.Ordinal).Count());
        Assert.All(DiagnosticCatalog.All, d =>
        {
            Assert.Matches(CodePattern(), d.Code);
            Assert.Equal((int)d.Area, d.Code[2] - '0');
            Assert.Matches(NamePattern(), d.Name);
            Assert.True(d.Title.Length > 10 && d.Help.Length > 60, $"{d.Code} needs a title and a help text that explains the fix");
            Assert.Same(d, DiagnosticCatalog.Find(d.Code.ToLowerInvariant()));
        });
    }

    [Fact]
    public void Only_chart_and_kafka_errors_stop_helm_from_running()
    {
        Assert.All(DiagnosticCatalog.All.Where(d => d.BlocksRendering),
            d => Assert.True(d.Severity == Severity.Error && d.Area is DiagnosticArea.Chart or DiagnosticArea.Kafka, d.Code));
    }

    [GeneratedRegex(@"^KT[1-7][0-9]{3}$")]
    private static partial Regex CodePattern();

    [GeneratedRegex(@"^[A-Z][A-Za-z0-9]+$")]
    private static partial Regex NamePattern();
}
