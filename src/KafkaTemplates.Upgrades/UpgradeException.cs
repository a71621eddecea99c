namespace KafkaTemplates.Upgrades;

/// <summary>An upgrade that cannot start: a version that cannot be found, a dirty tree, a broken answers file.</summary>
public sealed class UpgradeException(string message, Exception? inner = null) : Exception(message, inner);
