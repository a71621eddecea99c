using BenchmarkDotNet.Running;

// dotnet run -c Release --project bench/KafkaTemplates.Benchmarks -- --filter '*'
BenchmarkSwitcher.FromAssembly(typeof(KafkaTemplates.Benchmarks.RenderBenchmarks).Assembly).Run(args);
