using Kairos.Stages.Cli.Commands;

return await CliApp.RunAsync(args);
