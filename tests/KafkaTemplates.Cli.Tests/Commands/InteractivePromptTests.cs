using KafkaTemplates.Cli.Infrastructure;
using KafkaTemplates.Engine.Answers;
using KafkaTemplates.Testing;

namespace KafkaTemplates.Cli.Tests.Commands;

/// <summary>Missing answers are asked for at a terminal, and never in CI or without a terminal.</summary>
public class InteractivePromptTests
{
    private static string Templates => RepoRoot.Combine("tests", "KafkaTemplates.Cli.Tests", "Fixtures", "templates");

    [Fact]
    public async Task Asks_for_missing_required_answers_and_checks_each_as_it_is_typed()
    {
        using var temp = new TempFolder();
        var run = new CliRun { WorkingDirectory = temp.Path, Terminal = true };
        // The greeting is asked for; name comes from the folder. A first empty answer is refused.
        run.Input.PushTextWithEnter("");
        run.Input.PushTextWithEnter("hello there");

        var code = await run.RunAsync("new", "greeting", "--templates", Templates, "-o", "world");

        Assert.Equal(ExitCodes.Success, code);
        Assert.Contains("Greeting (What to say.):", run.Error.Output, StringComparison.Ordinal);
        Assert.Equal("hello there world\n", File.ReadAllText(temp.Combine("world", "greeting.txt")));
    }

    [Fact]
    public async Task Refuses_an_answer_that_breaks_the_pattern_and_asks_again()
    {
        using var temp = new TempFolder();
        var run = new CliRun { WorkingDirectory = temp.Path, Terminal = true };
        run.Input.PushTextWithEnter("Not Valid");
        run.Input.PushTextWithEnter("valid-name");
        run.Input.PushTextWithEnter("hi");

        var code = await run.RunAsync("new", "greeting", "--templates", Templates, "-o", "out", "--set", "name=");

        Assert.Equal(ExitCodes.Success, code);
        Assert.Contains("must match the pattern ^[a-z][a-z0-9-]*$", run.Error.Output, StringComparison.Ordinal);
        Assert.Equal("hi valid-name\n", File.ReadAllText(temp.Combine("out", "greeting.txt")));
    }

    [Fact]
    public async Task Never_prompts_in_CI_and_names_the_missing_parameters()
    {
        using var temp = new TempFolder();
        var run = new CliRun { WorkingDirectory = temp.Path, Terminal = true, Variables = new() { ["CI"] = "true" } };

        var code = await run.RunAsync("new", "greeting", "--templates", Templates, "-o", "out");

        Assert.Equal(ExitCodes.BadInput, code);
        Assert.Contains("greeting is required; give it with --set greeting=<value>", run.Error.Output, StringComparison.Ordinal);
        Assert.False(Directory.Exists(temp.Combine("out")));
    }

    [Fact]
    public async Task Never_prompts_without_a_terminal()
    {
        using var temp = new TempFolder();
        var run = new CliRun { WorkingDirectory = temp.Path, Terminal = false };
        Assert.Equal(ExitCodes.BadInput, await run.RunAsync("new", "greeting", "--templates", Templates, "-o", "out"));
        Assert.Contains("greeting is required", run.Error.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_secret_typed_at_a_prompt_is_masked_and_never_recorded()
    {
        using var temp = new TempFolder();
        var withSecretRequired = temp.Combine("templates");
        FolderCopy.Copy(Templates, withSecretRequired);
        var file = Path.Combine(withSecretRequired, "greeting", "template.yaml");
        File.WriteAllText(file, File.ReadAllText(file).Replace("required: [name, greeting]", "required: [name, greeting, token]", StringComparison.Ordinal));
        var run = new CliRun { WorkingDirectory = temp.Path, Terminal = true };
        run.Input.PushTextWithEnter("s3cr3t-value");

        var code = await run.RunAsync("new", "greeting", "--templates", withSecretRequired, "-o", "out", "--set", "greeting=hi");

        Assert.Equal(ExitCodes.Success, code);
        Assert.DoesNotContain("s3cr3t-value", run.Error.Output + run.Out.Output, StringComparison.Ordinal);
        Assert.Contains("************", run.Error.Output, StringComparison.Ordinal);
        Assert.DoesNotContain("token", File.ReadAllText(temp.Combine("out", AnswersFile.FileName)), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Choices_are_offered_as_a_list()
    {
        using var temp = new TempFolder();
        var withChoiceRequired = temp.Combine("templates");
        FolderCopy.Copy(Templates, withChoiceRequired);
        var file = Path.Combine(withChoiceRequired, "greeting", "template.yaml");
        File.WriteAllText(file, File.ReadAllText(file).Replace("required: [name, greeting]", "required: [name, greeting, style]", StringComparison.Ordinal)
            .Replace("          default: plain\n", "", StringComparison.Ordinal));
        var run = new CliRun { WorkingDirectory = temp.Path, Terminal = true };
        run.Input.PushKey(ConsoleKey.DownArrow);
        run.Input.PushKey(ConsoleKey.Enter);

        var code = await run.RunAsync("new", "greeting", "--templates", withChoiceRequired, "-o", "out", "--set", "greeting=hi");

        Assert.Equal(ExitCodes.Success, code);
        Assert.Contains("Loud", run.Error.Output, StringComparison.Ordinal);
        Assert.Equal("HI out\n", File.ReadAllText(temp.Combine("out", "greeting.txt")));
    }
}
