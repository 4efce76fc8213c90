using Kairos.Stages.Cli;

return await CliApp.RunAsync(args);
