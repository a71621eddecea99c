using KafkaTemplates.Cli;
using KafkaTemplates.Cli.Infrastructure;

using var cancellation = new CancellationTokenSource();
Console.CancelKeyPress += (_, e) =>
{
    e.Cancel = true;
    cancellation.Cancel();
};
return await CliApp.RunAsync(args, CliConsoles.FromProcess(), CliEnvironment.FromProcess(), cancellation.Token);
