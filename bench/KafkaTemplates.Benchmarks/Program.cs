using BenchmarkDotNet.Running;
using KafkaTemplates.Benchmarks;

// dotnet run -c Release --project bench/KafkaTemplates.Benchmarks -- --filter '*'   (BenchmarkDotNet)
// dotnet run -c Release --project bench/KafkaTemplates.Benchmarks -- fleet 1000      (the fleet goal)
if (args is ["fleet", ..])
    return await FleetBenchmark.RunAsync(args.Length > 1 ? int.Parse(args[1], System.Globalization.CultureInfo.InvariantCulture) : 1000);
BenchmarkSwitcher.FromAssembly(typeof(RenderBenchmarks).Assembly).Run(args);
return 0;
