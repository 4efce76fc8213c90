using System.Text.Json.Nodes;
using Kairos.Stages.FrontEnd.Lint;
using Kairos.Stages.FrontEnd.Loading;
using Kairos.Stages.FrontEnd.Model;

namespace Kairos.Stages.Tests.Validation;

public sealed class KeyConsistencyTests
{
    private static readonly JsonNode Schema = JsonNode.Parse(StageFileSchema.Text)!;

    private static IEnumerable<string> Properties(JsonNode node) =>
        node["properties"]!.AsObject().Select(p => p.Key).Order(StringComparer.Ordinal);

    public static TheoryData<string, string> NestedPlaces => new()
    {
        { KeyTables.File, "/$defs/file" },
        { KeyTables.Download, "/$defs/download" },
        { KeyTables.Directory, "/$defs/directory" },
        { KeyTables.Entity, "/$defs/entity" },
        { KeyTables.User, "/$defs/user" },
        { KeyTables.Override, "/$defs/override" },
        { KeyTables.AddPartition, "/$defs/partition" },
        { KeyTables.UnpackImage, "/$defs/unpackImage" },
        { KeyTables.After, "/$defs/afterRef" },
        { KeyTables.Dns, "/$defs/step/properties/dns" },
        { KeyTables.Systemctl, "/$defs/step/properties/systemctl" },
        { KeyTables.Packages, "/$defs/step/properties/packages" },
        { KeyTables.DataSource, "/$defs/step/properties/datasource" },
        { KeyTables.Layout, "/$defs/step/properties/layout" },
        { KeyTables.LayoutDevice, "/$defs/step/properties/layout/properties/device" },
        { KeyTables.ExpandPartition, "/$defs/step/properties/layout/properties/expand_partition" },
        { KeyTables.Git, "/$defs/step/properties/git" },
        { KeyTables.GitAuth, "/$defs/step/properties/git/properties/auth" },
        { KeyTables.IfFiles, "/$defs/step/properties/if_files" },
        { KeyTables.BundledTopLevel, "" },
    };

    [Fact]
    public void Model_loader_and_schema_name_exactly_the_same_step_keys()
    {
        // arrange
        var model = StepKeys.All.Order(StringComparer.Ordinal).ToList();

        // act
        var loader = KeyTables.Keys[KeyTables.Step].Order(StringComparer.Ordinal).ToList();
        var schema = Properties(Schema["$defs"]!["step"]!).ToList();

        // assert
        Assert.Equal(model, loader);
        Assert.Equal(model, schema);
        Assert.Equal(model.Count, StepKeys.All.Distinct().Count());
    }

    [Theory]
    [MemberData(nameof(NestedPlaces))]
    public void Loader_and_schema_name_the_same_keys_for_each_nested_type(string place, string pointer)
    {
        // arrange
        var node = pointer.Split('/', StringSplitOptions.RemoveEmptyEntries).Aggregate(Schema, (n, segment) => n[segment]!);

        // act / assert
        Assert.Equal(KeyTables.Keys[place].Order(StringComparer.Ordinal), Properties(node));
        Assert.False(node["additionalProperties"]!.GetValue<bool>());
    }

    [Fact]
    public void Every_schema_property_has_a_description_for_editor_hover()
    {
        // arrange
        var missing = new List<string>();

        // act
        Walk(Schema, "", missing);

        // assert
        Assert.Empty(missing);
        Assert.Equal("https://json-schema.org/draft/2020-12/schema", Schema["$schema"]!.GetValue<string>());
    }

    private static void Walk(JsonNode? node, string path, List<string> missing)
    {
        if (node is not JsonObject obj)
        {
            return;
        }

        if (obj["properties"] is JsonObject properties)
        {
            foreach (var (name, value) in properties)
            {
                if (value?["description"] is null)
                {
                    missing.Add($"{path}/properties/{name}");
                }
            }
        }

        foreach (var (name, value) in obj)
        {
            Walk(value, $"{path}/{name}", missing);
        }
    }
}
