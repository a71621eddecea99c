namespace KafkaTemplates.Installation;

/// <summary>
/// The install cannot start because of what it was given: no kubeconfig, an unknown context, a folder that is not a
/// deployment repo, values the chart rejects, no helm. The message says what to fix. Nothing was changed.
/// </summary>
public sealed class InstallInputException(string message, Exception? inner = null) : Exception(message, inner);
