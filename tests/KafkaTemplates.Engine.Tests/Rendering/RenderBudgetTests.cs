using KafkaTemplates.Engine.Rendering;

namespace KafkaTemplates.Engine.Tests.Rendering;

/// <summary>One budget of output and time for a whole render run, however many pieces it renders.</summary>
public class RenderBudgetTests
{
    private static Dictionary<string, object?> Values(params (string Key, object? Value)[] values)
    {
        var inner = new OrderedDictionary<string, object?>(StringComparer.Ordinal);
        foreach (var (k, v) in values) inner[k] = v;
        return new Dictionary<string, object?> { ["values"] = inner };
    }

    // A pattern that backtracks exponentially on a run of word characters followed by a character it cannot match.
    private const string SlowPattern = @"r/^(\w+\s?)*$/";
    private static readonly string SlowInput = new string('a', 16) + "!";

    [Theory]
    [InlineData("plain text, no syntax: ")]
    [InlineData("an interpolation ${{ values.name }} ")]
    [InlineData("{% if values.name %}a tag ${{ values.name }}{% endif %} ")]
    public void Output_of_many_pieces_adds_up_to_one_limit_per_run(string piece)
    {
        var limits = new RenderLimits { MaxRunOutputChars = 1000 };
        var renderer = new NunjucksRenderer(limits);
        var budget = new RenderBudget(limits);
        var values = Values(("name", "kafka"));
        // Enough copies of the piece to render 300 to 333 characters.
        var renderedPiece = new NunjucksRenderer().Render(piece, "piece.txt", values).Length;
        var text = string.Concat(Enumerable.Repeat(piece, (300 + renderedPiece - 1) / renderedPiece));

        // Each piece is far below the per-file limit; together they pass the run's limit on the fourth.
        for (var i = 0; i < 3; i++) renderer.Render(text, $"file{i}.txt", values, budget);
        var e = Assert.Throws<RenderLimitException>(() => renderer.Render(text, "file3.txt", values, budget));
        Assert.Contains("1,000 characters, the limit for one render (all files together)", e.Message, StringComparison.Ordinal);
        Assert.Equal("file3.txt", e.SourceName);
    }

    [Fact]
    public void Output_inside_a_loop_is_charged_as_it_is_written()
    {
        var limits = new RenderLimits { MaxRunOutputChars = 10_000 };
        var budget = new RenderBudget(limits);
        var e = Assert.Throws<RenderLimitException>(() => new NunjucksRenderer(limits).Render(
            "{% for i in range(0, 9000) %}0123456789{% endfor %}", "loop.txt", Values(), budget));
        Assert.Contains("10,000 characters", e.Message, StringComparison.Ordinal);
        Assert.InRange(budget.OutputChars, 10_001, 10_010);
    }

    [Fact]
    public void Step_inputs_draw_on_the_same_budget_as_files()
    {
        var limits = new RenderLimits { MaxRunOutputChars = 100 };
        var renderer = new NunjucksRenderer(limits);
        var budget = new RenderBudget(limits);
        var values = Values(("name", new string('n', 60)));
        renderer.RenderValue("${{ values.name }}-input", "template.yaml", values, budget);
        var e = Assert.Throws<RenderLimitException>(() => renderer.Render("${{ values.name }}", "file.txt", values, budget));
        Assert.Contains("100 characters", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_slow_regex_in_a_long_loop_stops_at_the_run_time_limit()
    {
        // Each match stays under its own one-second limit; only the run's time limit can stop the loop.
        var limits = new RenderLimits { MaxRunTime = TimeSpan.FromMilliseconds(300) };
        var budget = new RenderBudget(limits);
        var text = "{% for i in range(0, 9000) %}${{ values.s | replace(" + SlowPattern + ", 'x') }}{% endfor %}";
        var e = Assert.Throws<RenderLimitException>(() => new NunjucksRenderer(limits).Render(text, "slow.txt", Values(("s", SlowInput)), budget));
        Assert.Contains("ran longer than 0.3s, the time limit for one render", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void The_time_limit_holds_across_pieces_rendered_one_after_another()
    {
        var limits = new RenderLimits { MaxRunTime = TimeSpan.FromMilliseconds(300) };
        var renderer = new NunjucksRenderer(limits);
        var budget = new RenderBudget(limits);
        var values = Values(("s", SlowInput));
        var e = Assert.Throws<RenderLimitException>(() =>
        {
            for (var i = 0; i < 100_000; i++) renderer.Render("${{ values.s | replace(" + SlowPattern + ", 'x') }}", $"f{i}.txt", values, budget);
        });
        Assert.Contains("the time limit for one render", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void One_slow_match_is_still_named_as_such()
    {
        var limits = new RenderLimits { RegexTimeout = TimeSpan.FromMilliseconds(20) };
        var e = Assert.Throws<RenderLimitException>(() => new NunjucksRenderer(limits).Render(
            "${{ values.s | replace(" + SlowPattern + ", 'x') }}", "t", Values(("s", new string('a', 40) + "!")), new RenderBudget(limits)));
        Assert.Contains("limit of 0.02s for one match", e.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("plain")]
    [InlineData("${{ values.s }}")]
    [InlineData("{% for i in range(0, 10) %}x{% endfor %}")]
    public void A_cancelled_run_renders_nothing(string text)
    {
        using var cancel = new CancellationTokenSource();
        cancel.Cancel();
        var budget = new RenderBudget(RenderLimits.Default, cancel.Token);
        Assert.ThrowsAny<OperationCanceledException>(() => new NunjucksRenderer().Render(text, "t", Values(("s", "x")), budget));
    }

    [Fact]
    public void Cancelling_stops_a_render_that_is_running()
    {
        using var cancel = new CancellationTokenSource(TimeSpan.FromMilliseconds(200));
        var budget = new RenderBudget(RenderLimits.Default, cancel.Token);
        var text = "{% for i in range(0, 9000) %}${{ values.s | replace(" + SlowPattern + ", 'x') }}{% endfor %}";
        Assert.ThrowsAny<OperationCanceledException>(() => new NunjucksRenderer().Render(text, "t", Values(("s", SlowInput)), budget));
        Assert.True(budget.Elapsed < RenderLimits.Default.MaxRunTime, "the render ran until its time limit instead of stopping when cancelled");
    }
}
