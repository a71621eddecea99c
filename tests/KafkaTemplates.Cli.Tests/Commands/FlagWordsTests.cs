using System.Reflection;
using System.Text.RegularExpressions;
using KafkaTemplates.Cli.Commands;
using KafkaTemplates.Cli.Infrastructure;
using KafkaTemplates.Engine.Text;
using Spectre.Console.Cli;

namespace KafkaTemplates.Cli.Tests.Commands;

/// <summary>
/// A message names a setting by a marker (<see cref="Setting"/>), and each command writes it in its own words: its
/// own flag, or the command that has one. No command may tell the user to pass a flag it does not take (new used to
/// suggest --request-timeout and --context for the install it starts).
/// </summary>
public partial class FlagWordsTests
{
    public static TheoryData<string, Type> Commands => new()
    {
        { "new", typeof(NewCommand.Settings) },
        { "install", typeof(InstallCommand.Settings) },
        { "upgrade", typeof(UpgradeCommand.Settings) },
        { "validate", typeof(ValidateCommand.Settings) },
        { "diff", typeof(DiffCommand.Settings) },
        { "check", typeof(CheckCommand.Settings) },
        { "serve", typeof(ServeCommand.Settings) },
    };

    private static IEnumerable<Setting> Every() =>
        typeof(Setting).GetFields(BindingFlags.Public | BindingFlags.Static).Where(f => f.FieldType == typeof(Setting)).Select(f => (Setting)f.GetValue(null)!);

    [Theory]
    [MemberData(nameof(Commands))]
    public void Every_setting_is_named_by_a_flag_the_command_takes_or_with_the_command_that_takes_it(string command, Type settings)
    {
        var own = settings.GetProperties().Select(p => p.GetCustomAttribute<CommandOptionAttribute>()).Where(a => a is not null)
            .SelectMany(a => a!.LongNames.Concat(a.ShortNames)).ToHashSet();
        var words = CommandFlags.For(command, settings);
        foreach (var setting in Every())
        {
            var text = words.Render($"pass {setting}");
            Assert.DoesNotContain("⟨", text, StringComparison.Ordinal);
            var elsewhere = QuotedCommand().Replace(text, "");
            foreach (Match flag in Flag().Matches(elsewhere))
                Assert.True(own.Contains(flag.Groups[1].Value), $"{command}: '{text}' names --{flag.Groups[1].Value}, which {command} does not take");
        }
    }

    [GeneratedRegex("`kafka-templates [a-z-]+ [^`]*`")]
    private static partial Regex QuotedCommand();

    [GeneratedRegex(@"(?:^|[\s(])-{1,2}([a-z][a-z-]*)")]
    private static partial Regex Flag();
}
