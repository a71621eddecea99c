using KafkaTemplates.PortalLoad;

// dotnet run -c Release --project bench/KafkaTemplates.PortalLoad -- [--requests N] [--templates DIR] [--markdown FILE]
return await LoadRun.MainAsync(args);
