namespace KafkaTemplates.Installation;

/// <summary>Whether and how an install only shows what it would do.</summary>
public enum DryRunMode
{
    /// <summary>Change the cluster.</summary>
    None,

    /// <summary>Render and plan without writing; the cluster, when one is known, is only read.</summary>
    Client,

    /// <summary>Send every write with dryRun=All: the API server validates and answers, nothing is stored.</summary>
    Server,
}
