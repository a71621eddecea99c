using KafkaTemplates.Engine.Steps;
using KafkaTemplates.Installation;
using KafkaTemplates.UseCases.Validate;
using KafkaTemplates.Validation;

namespace KafkaTemplates.UseCases.Create;

/// <summary>
/// What a front door shows while a repo is created: the template's step log, then each later step as it starts and
/// ends. Every member has a default, so a front door implements only what it shows.
/// </summary>
public interface ICreateRepoObserver
{
    /// <summary>Where the template's steps log (masked for secrets by the engine).</summary>
    IScaffoldLog Log => ScaffoldLog.Null;

    void Rendered(ScaffoldResult result) { }

    void Written(string folder, ScaffoldResult result) { }

    /// <summary>Runs the validation; a terminal wraps it in a spinner, the portal logs around it.</summary>
    Task<ValidationReport> ValidateAsync(ValidationDepth depth, Func<Task<ValidationReport>> validate) => validate();

    /// <summary>The install is about to start; what it reports goes to the observer returned.</summary>
    IInstallObserver Installing(string folder) => new SilentInstall();

    private sealed class SilentInstall : IInstallObserver;
}
