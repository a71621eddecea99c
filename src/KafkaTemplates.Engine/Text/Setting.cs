using System.Text.RegularExpressions;

namespace KafkaTemplates.Engine.Text;

/// <summary>
/// A setting a message asks the user to give or change. The pipeline does not know which front door it runs
/// behind, so its messages name settings, not flags: the text holds a marker such as <c>⟨context⟩</c>, and each
/// front door names the setting in its own words when it shows the message (the CLI writes <c>--context</c>).
/// </summary>
public readonly partial record struct Setting(string Key)
{
    /// <summary>The folder a new repo is written to.</summary>
    public static readonly Setting Output = new("output");

    /// <summary>Write into a folder that is not empty.</summary>
    public static readonly Setting Force = new("force");

    /// <summary>An answer given by name (the CLI's --set).</summary>
    public static readonly Setting Set = new("set");

    /// <summary>A file of answers or, for install, of extra helm values.</summary>
    public static readonly Setting Values = new("values");

    /// <summary>A folder of templates other than the shipped ones.</summary>
    public static readonly Setting Templates = new("templates");

    /// <summary>The helm executable.</summary>
    public static readonly Setting Helm = new("helm");

    public static readonly Setting Kubeconfig = new("kubeconfig");

    public static readonly Setting Context = new("context");

    public static readonly Setting Namespace = new("namespace");

    public static readonly Setting Release = new("release");

    public static readonly Setting CreateNamespace = new("create-namespace");

    /// <summary>Wait for the rollout after an install.</summary>
    public static readonly Setting Wait = new("wait");

    /// <summary>How long an install waits for each answer of the API server.</summary>
    public static readonly Setting RequestTimeout = new("request-timeout");

    /// <summary>How an install applies the objects: by server-side apply, or by helm.</summary>
    public static readonly Setting Mode = new("mode");

    /// <summary>The template version or source an upgrade goes to.</summary>
    public static readonly Setting To = new("to");

    /// <summary>Where an upgrade finds the version a repo records.</summary>
    public static readonly Setting From = new("from");

    /// <summary>Upgrade a repo whose git working tree has uncommitted changes.</summary>
    public static readonly Setting AllowDirty = new("allow-dirty");

    /// <summary>The marker a message carries in place of the setting's name.</summary>
    public override string ToString() => $"⟨{Key}⟩";

    /// <summary>The message with every marker replaced by <paramref name="name"/>(key); text without markers is returned as it is.</summary>
    public static string Render(string message, Func<string, string> name) =>
        message.Contains('⟨', StringComparison.Ordinal) ? Marker().Replace(message, m => name(m.Groups[1].Value)) : message;

    [GeneratedRegex("⟨([a-z][a-z-]*)⟩")]
    private static partial Regex Marker();
}
