using Kairos.Factory.Commands;

return await FactoryCli.RunAsync(args);
