namespace KafkaTemplates.Installation.Tests.Support;

/// <summary>What one `kafka-templates install` run printed and returned.</summary>
public sealed record CliRun(int ExitCode, string Out, string Error)
{
    public string All => Out + "\n" + Error;

    /// <summary>Asserts standard error holds <paramref name="text"/>, showing the whole run when it does not.</summary>
    public void ErrorShows(string text) => Assert.True(Error.Contains(text, StringComparison.Ordinal), $"stderr lacks: {text}\n{this}");

    /// <summary>Asserts standard output holds <paramref name="text"/>, showing the whole run when it does not.</summary>
    public void OutShows(string text) => Assert.True(Out.Contains(text, StringComparison.Ordinal), $"stdout lacks: {text}\n{this}");

    public override string ToString() => $"exit {ExitCode}\n--- stdout\n{Out}\n--- stderr\n{Error}";
}
