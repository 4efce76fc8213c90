using System.Text.Json.Serialization;

namespace Kairos.Stages.Engine.Recording;

/// <summary>Source-generated JSON metadata (NativeAOT: no reflection serializer).</summary>
[JsonSerializable(typeof(string))]
internal sealed partial class PlanJsonContext : JsonSerializerContext;
