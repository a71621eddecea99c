global using KafkaTemplates.Installation.Tests.ApiServer;
global using KafkaTemplates.Installation.Tests.Support;
global using KafkaTemplates.Testing;
