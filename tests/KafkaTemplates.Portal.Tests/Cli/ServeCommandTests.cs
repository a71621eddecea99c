using KafkaTemplates.Cli.Commands;
using KafkaTemplates.Cli.Infrastructure;
using KafkaTemplates.Engine;
using Spectre.Console.Cli;
using Spectre.Console.Testing;

namespace KafkaTemplates.Portal.Tests.Cli;

/// <summary>`kafka-templates serve`, run in-process through Spectre's command app as the CLI runs it.</summary>
public sealed class ServeCommandTests
{
    private sealed class Run : IDisposable
    {
        public TestConsole Out { get; } = new();

        public TestConsole Error { get; } = new();

        public TempFolder Work { get; } = new("serve");

        public Task<int> StartAsync(CancellationToken cancellationToken, params string[] args)
        {
            Error.Profile.Width = 400;
            var environment = new CliEnvironment
            {
                WorkingDirectory = Work.Path,
                Variables = new Dictionary<string, string> { ["PATH"] = Environment.GetEnvironmentVariable("PATH") ?? "" },
                IsTerminal = false,
            };
            var consoles = new CliConsoles(Out, Error);
            var engine = new EngineServices();
            var registrar = new Registrar();
            registrar.RegisterInstance(typeof(CliConsoles), consoles);
            registrar.RegisterInstance(typeof(CliEnvironment), environment);
            registrar.RegisterInstance(typeof(EngineServices), engine);
            registrar.RegisterInstance(typeof(TemplateLocator), new TemplateLocator(engine, environment, new UpgradeServices(engine, environment)));
            var app = new CommandApp(registrar);
            app.Configure(config =>
            {
                config.PropagateExceptions();
                config.Settings.Console = Out;
                config.AddCommand<ServeCommand>("serve");
            });
            return app.RunAsync(args, cancellationToken);
        }

        public void Dispose()
        {
            Out.Dispose();
            Error.Dispose();
            Work.Dispose();
        }
    }

    [Theory]
    [InlineData("http://0.0.0.0:7007")]
    [InlineData("http://127.0.0.1:7007;http://*:7008")]
    public async Task Serving_beyond_loopback_is_refused_without_allow_remote_and_says_why(string urls)
    {
        using var run = new Run();

        var refused = await Assert.ThrowsAsync<UsageException>(() => run.StartAsync(CancellationToken.None, "serve", "--urls", urls, "--data", "data"));

        Assert.Contains("no sign-in", refused.Message, StringComparison.Ordinal);
        Assert.Contains("--allow-remote", refused.Message, StringComparison.Ordinal);
        Assert.False(Directory.Exists(run.Work.Combine("data")), "nothing is created when the portal refuses to start");
    }

    [Theory]
    [InlineData("--max-concurrent-tasks", "0", "--max-concurrent-tasks must be 1-64, not 0")]
    [InlineData("--keep-repos-days", "0", "--keep-repos-days must be 1-3650, not 0")]
    public async Task A_limit_outside_its_range_is_bad_input(string option, string value, string message)
    {
        using var run = new Run();

        var refused = await Assert.ThrowsAnyAsync<Exception>(() => run.StartAsync(CancellationToken.None, "serve", option, value));

        Assert.Contains(message, refused.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Serve_answers_on_loopback_with_its_data_folder_and_stops_on_cancellation()
    {
        using var run = new Run();
        using var stop = new CancellationTokenSource();
        var port = FreePort();
        var serving = run.StartAsync(stop.Token, "serve", "--urls", $"http://127.0.0.1:{port}", "--data", "portal-data", "--max-concurrent-tasks", "3");
        using var client = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{port}") };

        var (status, body) = await FirstAnswerAsync(client, serving);

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Contains(body!["items"]!.AsArray(), i => i!["name"]!.GetValue<string>() == "hypertrace-kafka");
        await stop.CancelAsync();
        Assert.Equal(0, await serving.WaitAsync(Calls.Guard));
        Assert.True(File.Exists(run.Work.Combine("portal-data", "portal.db")));
        Assert.Contains($"Serving 1 template(s) at http://127.0.0.1:{port}/", run.Error.Output, StringComparison.Ordinal);
        Assert.Contains("Stopped.", run.Error.Output, StringComparison.Ordinal);
    }

    private static int FreePort()
    {
        using var listener = new System.Net.Sockets.TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    /// <summary>Asks until serve answers; bounded by the guard, and failing at once if serve ends instead.</summary>
    private static async Task<(HttpStatusCode, JsonNode?)> FirstAnswerAsync(HttpClient client, Task<int> serving)
    {
        using var guard = new CancellationTokenSource(Calls.Guard);
        while (true)
        {
            if (serving.IsCompleted) Assert.Fail($"serve ended before it answered, with {await serving}");
            try
            {
                return await Calls.GetAsync(client, "/api/kafka-templates/templates");
            }
            catch (HttpRequestException)
            {
                await Task.Delay(20, guard.Token);
            }
        }
    }

    /// <summary>The CLI's registrar is internal; this one resolves the same way (instances, lists of optional services, constructors).</summary>
    private sealed class Registrar : ITypeRegistrar
    {
        private readonly Dictionary<Type, Func<object>> _factories = [];

        public void Register(Type service, Type implementation) => _factories[service] = () => Create(implementation);

        public void RegisterInstance(Type service, object implementation) => _factories[service] = () => implementation;

        public void RegisterLazy(Type service, Func<object> factory) => _factories[service] = factory;

        public ITypeResolver Build() => new Resolver(this);

        private object Create(Type type)
        {
            var constructor = type.GetConstructors().OrderByDescending(c => c.GetParameters().Length).First();
            return constructor.Invoke([.. constructor.GetParameters().Select(p => Resolve(p.ParameterType))]);
        }

        private object? Resolve(Type? type)
        {
            if (type is null) return null;
            if (_factories.TryGetValue(type, out var factory)) return factory();
            if (type.IsGenericType && type.GetGenericTypeDefinition() == typeof(IEnumerable<>))
                return Array.CreateInstance(type.GetGenericArguments()[0], 0);
            return type.IsClass && !type.IsAbstract ? Create(type) : null;
        }

        private sealed class Resolver(Registrar registrar) : ITypeResolver
        {
            public object? Resolve(Type? type) => registrar.Resolve(type);
        }
    }
}
