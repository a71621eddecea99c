namespace KafkaTemplates.Testing;

/// <summary>Runs git in a test's folder with a fixed identity, so commits work on a machine with no git config.</summary>
public static class TestGit
{
    public static async Task RunAsync(string folder, params string[] args)
    {
        Directory.CreateDirectory(folder);
        var result = await ProcessRunner.RunAsync("git", ["-c", "user.name=Test", "-c", "user.email=test@example.com", .. args], folder);
        if (result.ExitCode != 0) throw new InvalidOperationException($"git {string.Join(' ', args)} failed in {folder}\n{result}");
    }
}
