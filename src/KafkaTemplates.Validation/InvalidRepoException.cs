namespace KafkaTemplates.Validation;

/// <summary>
/// The input cannot be validated at all: the folder is missing or is not a deployment repo, a file every other check
/// is built on (the answers file, helm/Chart.yaml, helm/values.yaml) is not readable YAML, or a tool path given
/// explicitly does not exist. The CLI exits with 2 and prints the message, which names what to fix.
/// </summary>
public sealed class InvalidRepoException(string message) : Exception(message);
