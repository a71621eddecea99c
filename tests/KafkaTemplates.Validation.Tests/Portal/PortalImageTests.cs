using System.Text.RegularExpressions;
using KafkaTemplates.Engine.FileSets;
using KafkaTemplates.Testing;
using KafkaTemplates.Validation.Diagnostics;
using KafkaTemplates.Validation.Rules.Image;

namespace KafkaTemplates.Validation.Tests.Portal;

/// <summary>deploy/portal/Dockerfile passes the image rules (KT6xxx) generated repos answer to, and agrees with its chart.</summary>
public partial class PortalImageTests
{
    private static string Dockerfile => File.ReadAllText(PortalChart.Path + "/Dockerfile");

    [Fact]
    public void The_portal_Dockerfile_passes_every_image_rule()
    {
        var context = PortalChart.Context(RepoFiles.InFolder(PortalChart.Path));
        Assert.NotEmpty(PortalChart.ImageRules);

        foreach (var rule in PortalChart.ImageRules) rule.Check(context);

        Assert.True(context.Diagnostics.Sorted().Count == 0, PortalChart.Describe(context.Diagnostics.Sorted()));
    }

    /// <summary>The rules read this very file: the same Dockerfile without its USER or with a moving tag is refused.</summary>
    [Theory]
    [InlineData("USER 1654:1654\n", "", "KT6003")]
    [InlineData("ARG RUNTIME_IMAGE=mcr.microsoft.com/dotnet/aspnet:10.0.12-noble", "ARG RUNTIME_IMAGE=mcr.microsoft.com/dotnet/aspnet:10.0-noble", "KT6001")]
    public void The_image_rules_judge_the_portal_Dockerfile(string from, string to, string code)
    {
        Assert.Contains(from, Dockerfile, StringComparison.Ordinal);
        using var folder = new TempFolder("portal-image");
        folder.Write("Dockerfile", Dockerfile.Replace(from, to, StringComparison.Ordinal));
        var mutated = new Repo.ValidationContext(RepoFiles.InFolder(folder.Path), new ValidationOptions());

        foreach (var rule in PortalChart.ImageRules) rule.Check(mutated);

        Assert.Contains(mutated.Diagnostics.Sorted(), d => d.Code == code);
    }

    [Fact]
    public void The_chart_runs_the_image_as_its_user_on_its_port_at_the_version_it_builds()
    {
        var values = File.ReadAllText(PortalChart.Path + "/helm/values.yaml");
        var chart = File.ReadAllText(PortalChart.Path + "/helm/Chart.yaml");
        var deployment = File.ReadAllText(PortalChart.Path + "/helm/templates/deployment.yaml");
        var props = File.ReadAllText(RepoRoot.Combine("Directory.Build.props"));

        Assert.Equal(Match(UserLine(), Dockerfile), Match(RunAsUserLine(), values));
        Assert.Equal(Match(ExposeLine(), Dockerfile), Match(ContainerPortLine(), deployment));
        Assert.Equal(Match(VersionElement(), props), Match(AppVersionLine(), chart));
        Assert.Contains("/var/lib/kafka-templates", Dockerfile, StringComparison.Ordinal);
        Assert.Contains("mountPath: /var/lib/kafka-templates", deployment, StringComparison.Ordinal);
    }

    /// <summary>
    /// The image builds from a context of the repo root cut down by Dockerfile.dockerignore; a root file that steers
    /// every build (analyzer severities, package versions, SDK or feed choice) must reach the build stage, or the image
    /// builds differently from the repo, or not at all.
    /// </summary>
    [Fact]
    public void Every_root_file_that_steers_the_build_reaches_the_image_build()
    {
        var ignore = File.ReadAllText(PortalChart.Path + "/Dockerfile.dockerignore");
        var steering = new[] { ".editorconfig", "Directory.Build.props", "Directory.Packages.props", "Directory.Build.targets", "global.json", "NuGet.config", "nuget.config" }
            .Where(f => File.Exists(RepoRoot.Combine(f))).ToList();

        Assert.Contains(".editorconfig", steering);
        foreach (var file in steering)
        {
            Assert.Contains($"\n!{file}\n", ignore, StringComparison.Ordinal);
            Assert.Matches(new Regex($@"^COPY [^\n]*(?<= ){Regex.Escape(file)}(?= )", RegexOptions.Multiline), Dockerfile);
        }
    }

    private static string Match(Regex regex, string text)
    {
        var match = regex.Match(text);
        Assert.True(match.Success, $"{regex} finds nothing");
        return match.Groups[1].Value;
    }

    [GeneratedRegex(@"^USER ([0-9]+):[0-9]+$", RegexOptions.Multiline)]
    private static partial Regex UserLine();

    [GeneratedRegex(@"^runAsUser: ([0-9]+)$", RegexOptions.Multiline)]
    private static partial Regex RunAsUserLine();

    [GeneratedRegex(@"^EXPOSE ([0-9]+)$", RegexOptions.Multiline)]
    private static partial Regex ExposeLine();

    [GeneratedRegex(@"containerPort: ([0-9]+)")]
    private static partial Regex ContainerPortLine();

    [GeneratedRegex(@"<Version>([^<]+)</Version>")]
    private static partial Regex VersionElement();

    [GeneratedRegex(@"^appVersion: ""([^""]+)""$", RegexOptions.Multiline)]
    private static partial Regex AppVersionLine();
}
