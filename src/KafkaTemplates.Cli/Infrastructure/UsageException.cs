namespace KafkaTemplates.Cli.Infrastructure;

/// <summary>Bad input found by a command: the message says what to change. Exits with 2.</summary>
internal sealed class UsageException(string message) : Exception(message);
