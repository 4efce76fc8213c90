// TEST FIXTURE: kairos-factory with one more builder, "fixture" (FixtureBuilder), for the tests of a real server process
// (API, queue, logs, cancel, restart, retention, the page) that need builds but not an engine. Never shipped.
using Kairos.Factory.Commands;
using Kairos.Factory.Fixture;

return await FactoryCli.RunAsync(args, [new FixtureBuilder()]);
