using System.Diagnostics.CodeAnalysis;
using System.Reflection;
using KafkaTemplates.Engine.Text;
using Spectre.Console.Cli;

namespace KafkaTemplates.Cli.Infrastructure;

/// <summary>
/// The flags of the command that runs, so that a message names only flags the user can give to it. A setting the
/// command has no flag for (an install started by <c>new</c> cannot take <c>--request-timeout</c>) is named with
/// the command that has it, or by what sets it for this command.
/// </summary>
internal sealed class CommandFlags
{
    private readonly string? _command;
    private readonly HashSet<string>? _own;

    private CommandFlags(string? command, HashSet<string>? own)
    {
        _command = command;
        _own = own;
    }

    /// <summary>Before a command is chosen (a parse error): every setting by its flag's name.</summary>
    public static CommandFlags Any { get; } = new(null, null);

    /// <summary>The commands whose flags other commands' messages may point at, in the order they are looked in.</summary>
    private static readonly (string Name, Type Settings)[] Elsewhere =
    [
        ("install", typeof(Commands.InstallCommand.Settings)),
        ("upgrade", typeof(Commands.UpgradeCommand.Settings)),
        ("new", typeof(Commands.NewCommand.Settings)),
        ("validate", typeof(Commands.ValidateCommand.Settings)),
    ];

    public static CommandFlags For(string command, Type settings) => new(command, LongNames(settings));

    /// <summary>Whether the running command has the flag <c>--key</c>.</summary>
    public bool Has(string key) => _own is null || _own.Contains(key);

    /// <summary>The message with every setting it names (<see cref="Setting"/>) in words that fit this command.</summary>
    public string Render(string message) => Setting.Render(message, Name);

    private string Name(string key)
    {
        if (Has(key)) return key == Setting.Output.Key ? "-o" : "--" + key;
        // new installs the release its answers name: they are given like any other answer.
        if (_command == "new" && key == Setting.Namespace.Key) return "--set namespace=<namespace>";
        if (_command == "new" && key == Setting.Release.Key) return "--set name=<name>";
        if (_command == "new" && key == Setting.Context.Key) return "its current context";
        foreach (var (name, settings) in Elsewhere)
            if (name != _command && LongNames(settings).Contains(key)) return $"`kafka-templates {name} --{key}`";
        return $"the {key} setting";
    }

    [UnconditionalSuppressMessage("Trimming", "IL2070", Justification = "Settings types are the ones CliApp keeps whole with DynamicDependency.")]
    private static HashSet<string> LongNames(Type settings) =>
        settings.GetProperties(BindingFlags.Public | BindingFlags.Instance)
            .Select(p => p.GetCustomAttribute<CommandOptionAttribute>())
            .Where(a => a is not null)
            .SelectMany(a => a!.LongNames)
            .ToHashSet(StringComparer.Ordinal);

    /// <summary>Tells the consoles which command runs, once its flags are parsed.</summary>
    public sealed class Interceptor(CliConsoles consoles) : ICommandInterceptor
    {
        public void Intercept(CommandContext context, CommandSettings settings) => consoles.Command = For(context.Name, settings.GetType());

        public void InterceptResult(CommandContext context, CommandSettings settings, ref int result) { }
    }
}
