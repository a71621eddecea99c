namespace KafkaTemplates.Cli.Infrastructure;

/// <summary>
/// The check `new` runs on a freshly written repo. Until a validator is registered it accepts every repo; the
/// validate command supplies the real one.
/// </summary>
public class RepoCheck
{
    public virtual Task<int> RunAsync(string repoPath, CancellationToken cancellationToken) => Task.FromResult(ExitCodes.Success);
}
