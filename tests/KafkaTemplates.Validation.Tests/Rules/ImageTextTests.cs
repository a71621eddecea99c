using KafkaTemplates.Validation.Rules.Ci;
using KafkaTemplates.Validation.Rules.Image;

namespace KafkaTemplates.Validation.Tests.Rules;

public class ImageTextTests
{
    [Theory]
    [InlineData("eclipse-temurin:21.0.9_10-jre-noble", false, true)]
    [InlineData("eclipse-temurin:21-jre", false, false)]
    [InlineData("eclipse-temurin", true, false)]
    [InlineData("registry:5000/team/kafka:latest", true, false)]
    [InlineData("registry:5000/team/kafka", true, false)]
    [InlineData("alpine@sha256:0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef", false, true)]
    public void Image_references_are_latest_or_pinned(string reference, bool latest, bool pinned)
    {
        var image = ImageReference.Parse(reference);
        Assert.Equal((latest, pinned), (image.IsLatest, image.IsPinned));
    }

    [Theory]
    [InlineData("curl -fsSL x | tar xz", true)]
    [InlineData("a || b", false)]
    [InlineData("echo 'a | b' \"c | d\"", false)]
    [InlineData("grep x file |& tee log", true)]
    public void Pipes_are_found_outside_quotes_only(string command, bool pipe)
    {
        Assert.Equal(pipe, ShellText.HasPipe(command));
    }

    [Theory]
    [InlineData("actions/checkout@11bd71901bbe5b1630ceea73d27597364c9af683", true, false)]
    [InlineData("actions/checkout@11bd71901bbe5b1630ceea73d27597364c9af68", false, false)]
    [InlineData("actions/checkout@v4", false, true)]
    [InlineData("actions/checkout@v4.2.2", false, true)]
    [InlineData("actions/checkout@main", false, false)]
    [InlineData("actions/checkout", false, false)]
    [InlineData("org/repo/.github/workflows/build.yml@release/1", false, false)]
    public void Actions_are_pinned_by_a_full_commit_sha_only(string uses, bool pinned, bool versionTag)
    {
        var action = new ActionReference(uses);
        Assert.Equal((pinned, versionTag), (action.IsPinned, action.IsVersionTag));
    }

    [Fact]
    public void Dockerfile_stages_resolve_arg_defaults_and_join_continuations()
    {
        var dockerfile = Dockerfile.Parse("# syntax\nARG BASE=img:1.2.3\nFROM ${BASE} AS build\nRUN a \\\n  # a comment\n  && b\nFROM build\nUSER 1000\n");

        Assert.Equal(["img:1.2.3", "build"], dockerfile.Stages.Select(s => s.Image));
        Assert.Equal("a  && b", dockerfile.Stages[0].Instructions.Single().Arguments);
        Assert.Equal(4, dockerfile.Stages[0].Instructions.Single().Line);
    }
}
