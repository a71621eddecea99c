using KafkaTemplates.PortalLoad;

// dotnet run -c Release --project bench/KafkaTemplates.PortalLoad -- [--requests N] [--templates DIR] [--markdown FILE]
//   [--tasks]: tasks, each followed to its end, instead of dry runs
//   against running portals instead of one in-process: [--targets URL1,URL2] [--token-file FILE] (bench/portal-replicas.sh)
return await LoadRun.MainAsync(args);
