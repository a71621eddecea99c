using BenchmarkDotNet.Attributes;
using KafkaTemplates.Engine;
using KafkaTemplates.Engine.FileSets;
using KafkaTemplates.Engine.Parameters;
using KafkaTemplates.Engine.Steps;
using KafkaTemplates.Engine.Templates;

namespace KafkaTemplates.Benchmarks;

/// <summary>
/// Goal: an in-process render of a full hypertrace-kafka repo under 5 ms. "Warm" is the portal and fleet case (the
/// engine has rendered before); "Cold" pays for loading template.yaml and compiling every template once.
/// </summary>
[MemoryDiagnoser]
public class RenderBenchmarks
{
    private EngineServices _engine = null!;
    private TemplateDefinition _template = null!;
    private AnswerSet _answers = null!;

    [GlobalSetup]
    public void Setup()
    {
        _engine = new EngineServices();
        _template = _engine.Loader.Load(Repository.Template, TemplateSource.Builtin);
        var input = new AnswerInput();
        input.FromSet.Add(new("name", "payments-kafka"));
        input.FromSet.Add(new("owner", "payments"));
        _answers = ParameterBinder.Bind(_template.Parameters, input);
        RenderWarm();
    }

    [Benchmark(Description = "parse and check template.yaml")]
    public TemplateDefinition Load() => new TemplateLoader(_engine.Actions).Load(Repository.Template, TemplateSource.Builtin);

    [Benchmark(Description = "load template.yaml again (unchanged file)")]
    public TemplateDefinition LoadCached() => _engine.Loader.Load(Repository.Template, TemplateSource.Builtin);

    [Benchmark(Description = "render full repo (warm engine)")]
    public FileSet RenderWarm() => _engine.Scaffolder.RunAsync(_template, _answers, new ScaffoldOptions(), ScaffoldLog.Null).GetAwaiter().GetResult().Files;

    [Benchmark(Description = "load + bind + render (new engine)")]
    public FileSet LoadAndRenderCold()
    {
        var engine = new EngineServices();
        var template = engine.Loader.Load(Repository.Template, TemplateSource.Builtin);
        var input = new AnswerInput();
        input.FromSet.Add(new("name", "payments-kafka"));
        return engine.Scaffolder.RunAsync(template, ParameterBinder.Bind(template.Parameters, input), new ScaffoldOptions(), ScaffoldLog.Null).GetAwaiter().GetResult().Files;
    }
}
