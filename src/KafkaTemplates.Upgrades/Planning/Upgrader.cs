using System.Text.Json.Nodes;
using KafkaTemplates.Engine;
using KafkaTemplates.Engine.Answers;
using KafkaTemplates.Engine.FileSets;
using KafkaTemplates.Engine.Parameters;
using KafkaTemplates.Engine.Steps;
using KafkaTemplates.Engine.Templates;
using KafkaTemplates.Engine.Text;
using KafkaTemplates.Engine.Writing;
using KafkaTemplates.Engine.Yaml;
using KafkaTemplates.Upgrades.Merging;
using KafkaTemplates.Upgrades.Sources;

namespace KafkaTemplates.Upgrades.Planning;

/// <summary>
/// Plans an upgrade of one repo: renders the recorded version with the recorded answers (base), renders the target
/// version with the answers carried forward (theirs), runs the migrations in between, and merges each file with the
/// one on disk (ours). Planning writes nothing; <see cref="UpgradeApplier"/> writes a plan all at once.
/// </summary>
public sealed class Upgrader(EngineServices engine, TemplateVersions versions)
{
    public async Task<UpgradePlan> PlanAsync(UpgradeRequest request, CancellationToken cancellationToken = default)
    {
        var repo = Path.GetFullPath(request.RepoDirectory);
        var recorded = ReadAnswers(repo);
        var notes = new List<string>();

        var baseSource = request.From is null ? recorded.Source : ParseSource(request.From, repo, Setting.From);
        var baseTemplate = versions.Load(recorded.Template, baseSource, recorded.Version, repo) with { Source = recorded.Source };
        var target = ResolveTarget(request.To, recorded, repo);

        var secretSets = request.Set.Where(s => baseTemplate.Parameters.Find(s.Key)?.IsSecret == true || target.Parameters.Find(s.Key)?.IsSecret == true).ToList();
        var baseAnswers = BindBase(baseTemplate, recorded, secretSets);

        var migrations = target.Migrations.Where(m => m.Version > baseTemplate.Version && m.Version <= target.Version).ToList();
        var carried = (JsonObject)recorded.Answers.DeepClone();
        var moves = new List<FileMove>();
        foreach (var migration in migrations)
        {
            foreach (var op in migration.Operations)
            {
                switch (op)
                {
                    case RenameParameter r when carried.ContainsKey(r.From):
                        var value = carried[r.From]?.DeepClone();
                        carried.Remove(r.From);
                        carried[r.To] = value;
                        notes.Add($"migration {migration.Version}: answer '{r.From}' is now '{r.To}'");
                        break;
                    case SetAnswer set when !carried.ContainsKey(set.Name) && !request.Set.Any(s => s.Key == set.Name):
                        carried[set.Name] = set.Value?.DeepClone();
                        notes.Add($"migration {migration.Version}: answer '{set.Name}' is set to {set.Value?.ToJsonString() ?? "null"} for this repo (new repos get the default)");
                        break;
                    case RemoveParameter remove when carried.ContainsKey(remove.Name):
                        carried.Remove(remove.Name);
                        notes.Add($"migration {migration.Version}: answer '{remove.Name}' is no longer used");
                        break;
                    case MoveFile move:
                        moves.Add(new FileMove(RepoPath.Normalize(move.From), RepoPath.Normalize(move.To)));
                        notes.Add($"migration {migration.Version}: {move.From} moves to {move.To}");
                        break;
                }
            }
        }
        foreach (var name in carried.Select(a => a.Key).Where(n => target.Parameters.Find(n) is null).ToList())
        {
            carried.Remove(name);
            notes.Add($"answer '{name}' is not a parameter of {target.Id} {target.Version}; it is dropped");
        }
        var input = new AnswerInput();
        foreach (var (k, v) in carried) input.Recorded[k] = v?.DeepClone();
        // A secret only the recorded version has is given for the base alone: the new version would call it unknown.
        input.FromSet.AddRange(request.Set.Where(s => target.Parameters.Find(s.Key) is not null || !secretSets.Contains(s)));
        foreach (var d in target.Parameters.Definitions.Where(d => !carried.ContainsKey(d.Name) && !request.Set.Any(s => s.Key == d.Name)))
            notes.Add(d.HasDefault ? $"new parameter '{d.Name}' takes its default {d.Default?.ToJsonString() ?? "null"}" : $"new parameter '{d.Name}' has no answer");
        var targetAnswers = ParameterBinder.Bind(target.Parameters, input);

        var theirs = await RenderAsync(target, targetAnswers, cancellationToken);
        var @base = await RenderAsync(baseTemplate, baseAnswers, cancellationToken);

        var oursPaths = @base.Paths.Union(theirs.Paths).Concat(moves.Select(m => m.From)).Distinct(StringComparer.Ordinal).ToList();
        // The same rule as writing holds first: a path through or at a symbolic link is refused, so an upgrade never
        // reads, nor later writes, outside the repo.
        try
        {
            TargetPaths.Check(repo, repo, oursPaths);
        }
        catch (IOException e)
        {
            throw new UpgradeException(e.Message, e);
        }
        var ours = RepoFiles.InFolder(repo).Select(oursPaths);
        // The files as read, before moves rename them: the scan for conflict markers below reads no file twice.
        var read = ours.Clone();
        var appliedMoves = new List<FileMove>();
        foreach (var move in moves)
        {
            if (@base.Find(move.From) is { } moved)
            {
                @base.Remove(move.From);
                @base.Put(moved with { Path = move.To });
            }
            if (ours.Find(move.From) is { } mine && ours.Find(move.To) is null)
            {
                ours.Remove(move.From);
                ours.Put(mine with { Path = move.To });
                appliedMoves.Add(move);
            }
        }

        var labels = MergeLabels.For(target.Id, baseTemplate.Version.ToString(), target.Version.ToString());
        var outcomes = MergePlanner.Plan(@base, theirs, ours, labels, request.ConflictStyle, request.WithDiffs).ToList();
        for (var i = 0; i < outcomes.Count; i++)
        {
            var o = outcomes[i];
            if (o.Path == AnswersFile.FileName)
            {
                // The answers file belongs to the tool: it always says which version and answers made the repo.
                var mine = ours.Find(o.Path);
                var fresh = theirs[o.Path];
                outcomes[i] = o with
                {
                    Status = mine is not null && mine.Content.Span.SequenceEqual(fresh.Content.Span) ? FileStatus.Unchanged : FileStatus.TemplateChange,
                    Result = fresh,
                };
            }
            else if (appliedMoves.Any(m => m.To == o.Path) && o.Result is null && !o.Deletes)
            {
                // The moved file keeps the team's content at its new path.
                outcomes[i] = o with { Result = ours.Find(o.Path) };
            }
        }
        return new UpgradePlan(repo, baseTemplate, target, AnswersFile.Create(target, targetAnswers), outcomes, appliedMoves, notes)
        {
            Unresolved = ConflictMarkers.InFolder(repo, read),
        };
    }

    /// <summary>Reads the repo's record of how it was made; without it there is nothing to upgrade from.</summary>
    public static AnswersFile ReadAnswers(string repo)
    {
        if (!Directory.Exists(repo)) throw new UpgradeException($"'{repo}' does not exist");
        var path = Path.Combine(repo, AnswersFile.FileName);
        switch (FileKinds.Of(path))
        {
            case EntryKind.Missing:
                throw new UpgradeException($"'{repo}' has no {AnswersFile.FileName}; it was not generated by kafka-templates (or the file was deleted)");
            case EntryKind.Link or EntryKind.Special or EntryKind.Folder:
                throw new UpgradeException($"{AnswersFile.FileName} in '{repo}' is not a regular file (a symbolic link, folder, FIFO or device); restore the file from git history");
        }
        byte[] content;
        try
        {
            content = BoundedFile.ReadBytes(path, path);
        }
        catch (InputLimitException e)
        {
            throw new UpgradeException($"{AnswersFile.FileName} cannot be read: {e.Message}", e);
        }
        if (ConflictMarkers.Find(content) is { Count: > 0 } markers)
            throw new UpgradeException($"{AnswersFile.FileName} in '{repo}' holds unresolved conflict markers (line {string.Join(", ", markers)}); resolve them so it records one template version and one set of answers, then run again");
        try
        {
            return AnswersFile.Parse(BoundedFile.DecodeYaml(content, path).TrimStart('\uFEFF'), path);
        }
        catch (YamlFormatException e)
        {
            throw new UpgradeException($"{AnswersFile.FileName} cannot be read: {e.Message}", e);
        }
    }

    private TemplateDefinition ResolveTarget(string? to, AnswersFile recorded, string repo)
    {
        // A git source moves to the tag of the new version; the shipped templates and a folder stay what they were.
        if (string.IsNullOrEmpty(to))
            return versions.Load(recorded.Template, recorded.Source, versions.Newest(recorded.Template, recorded.Source, repo), repo);
        if (SemanticVersion.TryParse(to, out var version) && !Directory.Exists(to))
        {
            try
            {
                return versions.Load(recorded.Template, recorded.Source, version, repo);
            }
            catch (UpgradeException)
            {
                // Only on failure: listing a git source's versions is another round trip.
                var available = versions.Available(recorded.Template, recorded.Source, repo);
                if (available.Contains(version)) throw;
                throw new UpgradeException($"{Setting.To} {version}: {recorded.Source} offers {recorded.Template} {string.Join(", ", available)}, not {version}; give one of those, or {Setting.To} <folder|git+URL@tag> for another source");
            }
        }
        var source = ParseSource(to, repo, Setting.To);
        return versions.Load(recorded.Template, source, null, repo) with { Source = source };
    }

    /// <summary>git+URL@tag, or a folder; a folder is recorded relative to the repo so the record travels with it.</summary>
    private static TemplateSource ParseSource(string text, string repo, Setting flag)
    {
        if (text.StartsWith("git+", StringComparison.Ordinal))
        {
            try { return TemplateSource.Parse(text); }
            catch (FormatException e) { throw new UpgradeException(e.Message, e); }
        }
        var full = Path.GetFullPath(text);
        if (!Directory.Exists(full) && !File.Exists(full))
            throw new UpgradeException(flag == Setting.From
                ? $"{flag} '{text}' is neither git+URL@tag nor a folder ('{full}' does not exist); give the template folder or git+URL@tag that holds the repo's recorded version"
                : $"{flag} '{text}' is neither a version nor git+URL@tag, and no folder '{full}' exists; give a version, a template folder or git+URL@tag");
        var folder = File.Exists(full) ? Path.GetDirectoryName(full)! : full;
        return TemplateSource.Folder(Path.GetRelativePath(repo, folder).Replace('\\', '/'));
    }

    private static AnswerSet BindBase(TemplateDefinition template, AnswersFile recorded, IEnumerable<KeyValuePair<string, string>> secrets)
    {
        var input = new AnswerInput();
        foreach (var (k, v) in recorded.Answers)
            if (template.Parameters.Find(k) is not null) input.Recorded[k] = v?.DeepClone();
        input.FromSet.AddRange(secrets.Where(s => template.Parameters.Find(s.Key) is not null));
        try
        {
            return ParameterBinder.Bind(template.Parameters, input);
        }
        catch (ParameterException e)
        {
            throw new UpgradeException($"the recorded answers do not fit {template.Id} {template.Version}, the version the repo records: {e.Message}", e);
        }
    }

    private async Task<FileSet> RenderAsync(TemplateDefinition template, AnswerSet answers, CancellationToken cancellationToken)
    {
        try
        {
            // Stryker disable once Initializer : without a budget the scaffolder builds this same one (its renderer's limits, this token)
            var options = new ScaffoldOptions { Budget = new Engine.Rendering.RenderBudget(engine.Renderer.Limits, cancellationToken) };
            var result = await engine.Scaffolder.RunAsync(template, answers, options, ScaffoldLog.Null, cancellationToken);
            return result.Files;
        }
        catch (ScaffoldException e)
        {
            throw new UpgradeException($"rendering {template.Id} {template.Version} failed: {e.Message}", e);
        }
    }
}
