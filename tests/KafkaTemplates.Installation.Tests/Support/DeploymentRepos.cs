using KafkaTemplates.Engine;
using KafkaTemplates.Engine.Parameters;
using KafkaTemplates.Engine.Steps;
using KafkaTemplates.Engine.Writing;
using KafkaTemplates.Testing;

namespace KafkaTemplates.Installation.Tests.Support;

/// <summary>
/// A real deployment repo, scaffolded once from the repository's hypertrace-kafka template by the engine (as
/// `kafka-templates new` does), then copied into each test's folder so tests can edit it.
/// </summary>
public static class DeploymentRepos
{
    private static readonly Lazy<Task<string>> Payments = new(() => ScaffoldAsync("payments"));

    public static async Task<string> PaymentsAsync(TempFolder temp)
    {
        var source = await Payments.Value;
        var target = temp.Combine("payments");
        FolderCopy.Copy(source, target);
        return target;
    }

    private static async Task<string> ScaffoldAsync(string name)
    {
        var engine = new EngineServices();
        // The templates the CLI ships (copied beside the test binaries), so the tests also run from an artifacts folder.
        var template = engine.Catalog().Resolve("hypertrace-kafka");
        var input = new AnswerInput();
        input.FromSet.Add(new("name", name));
        input.FromSet.Add(new("owner", "payments"));
        var answers = ParameterBinder.Bind(template.Parameters, input);
        var result = await engine.Scaffolder.RunAsync(template, answers, new ScaffoldOptions(), ScaffoldLog.Null, CancellationToken.None);
        var root = Path.Combine(Path.GetTempPath(), $"kt-install-repo-{Guid.NewGuid():N}");
        AppDomain.CurrentDomain.ProcessExit += (_, _) =>
        {
            try { Directory.Delete(root, recursive: true); }
            catch (IOException) { /* best effort */ }
        };
        var target = Path.Combine(root, name);
        AtomicDirectoryWriter.Write(result.Files, target);
        return target;
    }

}
