using KafkaTemplates.Testing;

namespace KafkaTemplates.Engine.Tests.Fixtures;

/// <summary>The fixture templates under Fixtures/Templates, named by the behaviour each one shows.</summary>
public static class FixtureTemplates
{
    public static string Path(string name) =>
        RepoRoot.Combine("tests", "KafkaTemplates.Engine.Tests", "Fixtures", "Templates", name);

    public static string Invalid(string name) => Path(System.IO.Path.Combine("Invalid", name));
}
