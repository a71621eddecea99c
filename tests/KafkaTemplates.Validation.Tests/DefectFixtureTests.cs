using KafkaTemplates.Engine.FileSets;
using KafkaTemplates.Validation.Diagnostics;
using KafkaTemplates.Validation.Tests.Support;

namespace KafkaTemplates.Validation.Tests;

/// <summary>
/// Every code has a fixture: a generated repo with one deliberate defect, which must be reported with that code, at
/// the file and line the fixture names, and with nothing else.
/// </summary>
public class DefectFixtureTests
{
    public static TheoryData<string> Fixtures => [.. DefectFixture.Names()];

    /// <summary>
    /// Validation takes the files wherever they are: the same repo held in memory (as a dry run renders it) gets the
    /// same diagnostics, word for word, with helm and promtool run on a temporary copy of its chart.
    /// </summary>
    [Theory]
    [MemberData(nameof(Fixtures))]
    public async Task A_defect_is_reported_with_its_code_at_its_line_and_nothing_else_is_on_disk_and_in_memory(string fixtureName)
    {
        var fixture = DefectFixture.Load(fixtureName);
        using var repo = await GeneratedRepo.CreateAsync(fixture.Answers);
        fixture.Apply(repo);

        var report = await new RepoValidator().ValidateAsync(repo.Path, fixture.Options());

        var actual = report.Diagnostics.Select(d => new ExpectedDiagnostic(d.Code, d.File, d.Line)).Distinct().Order(Comparer).ToList();
        var expected = fixture.Expected.Order(Comparer).ToList();
        Assert.True(expected.SequenceEqual(actual),
            $"{fixture.Description}\nexpected: {string.Join(", ", expected)}\nactual:   {string.Join(", ", actual)}\n{Support.Validation.Describe(report)}");
        Assert.All(report.Diagnostics, d => Assert.False(string.IsNullOrWhiteSpace(d.Message)));

        var inMemory = await new RepoValidator().ValidateAsync(
            RepoFiles.InMemory(FileSet.FromDirectory(repo.Path), Path.GetFileName(repo.Path)), fixture.Options());
        Assert.Equal(Support.Validation.Describe(report), Support.Validation.Describe(inMemory));
        Assert.Equal(report.Skipped, inMemory.Skipped);
    }

    [Fact]
    public void Every_code_of_the_catalog_has_a_fixture_named_after_it_that_expects_only_that_code()
    {
        var fixtures = DefectFixture.Names().Select(DefectFixture.Load).ToList();
        var covered = fixtures.Select(f => f.Name[..6]).ToHashSet(StringComparer.Ordinal);
        var uncovered = DiagnosticCatalog.All.Select(d => d.Code).Where(c => !covered.Contains(c)).ToList();
        Assert.True(uncovered.Count == 0, "codes without a defect fixture: " + string.Join(", ", uncovered));
        Assert.All(fixtures, f => Assert.All(f.Expected, e => Assert.Equal(f.Name[..6], e.Code)));
        Assert.All(fixtures, f => Assert.NotEmpty(f.Expected));
    }

    private static readonly Comparer<ExpectedDiagnostic> Comparer = Comparer<ExpectedDiagnostic>.Create((a, b) =>
    {
        var c = string.CompareOrdinal(a.File, b.File);
        if (c == 0) c = a.Line.CompareTo(b.Line);
        return c != 0 ? c : string.CompareOrdinal(a.Code, b.Code);
    });
}
