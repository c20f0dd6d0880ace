using System.Text.Json;
using System.Text.Json.Nodes;
using NotebookNet.Initializers;
using NotebookNet.Layers;

namespace NotebookNet.Serialization;

/// <summary>
/// A layer's constructor arguments as a JSON object in a model file (Keras's <c>get_config</c>): written with
/// <c>Set</c>, read back with typed getters that fail, naming the file, the layer and the key, when a value is
/// missing or of the wrong kind. Only plain values: numbers, booleans, strings, pairs, known names.
/// </summary>
internal sealed class LayerConfig
{
    private readonly string _where;

    /// <summary>An empty config, to write.</summary>
    public LayerConfig() : this([], "") { }

    /// <summary>A config read from a file; <paramref name="where"/> ("'m.nbm', layer 2 (Dense)") prefixes every error.</summary>
    public LayerConfig(JsonObject json, string where)
    {
        Json = json;
        _where = where;
    }

    /// <summary>The JSON object.</summary>
    public JsonObject Json { get; }

    /// <summary>The layer's name (every layer constructor takes one).</summary>
    public string? Name { get; init; }

    public LayerConfig Set(string key, int value) => Put(key, JsonValue.Create(value));

    public LayerConfig Set(string key, int? value) => Put(key, value is int v ? JsonValue.Create(v) : null);

    public LayerConfig Set(string key, double value) => Put(key, JsonValue.Create(value));

    public LayerConfig Set(string key, bool value) => Put(key, JsonValue.Create(value));

    public LayerConfig Set(string key, (int Height, int Width) value) => Put(key, new JsonArray(value.Height, value.Width));

    /// <summary>"valid" or "same", as Keras writes it.</summary>
    public LayerConfig Set(string key, NotebookNet.Padding value) => Put(key, JsonValue.Create(value == NotebookNet.Padding.Same ? "same" : "valid"));

    /// <summary>The activation's Keras name ("relu", ...) or null for none.</summary>
    public LayerConfig SetActivation(Layer? activation) =>
        Put("activation", activation is null ? null : JsonValue.Create(activation.TypeName.ToLowerInvariant()));

    /// <summary>The initializer's Keras name; null for one of the user's own (the file keeps the weights anyway,
    /// so only further re-initialisation would use the default instead).</summary>
    public LayerConfig SetInitializer(string key, Initializer initializer) =>
        Put(key, CompileFormats.InitializerName(initializer) is { } name ? JsonValue.Create(name) : null);

    public int Int(string key) => Read(key, JsonValueKind.Number, n => n.GetValue<int>());

    public int? OptionalInt(string key) => Json[key] is null ? null : Int(key);

    public double Double(string key) => Read(key, JsonValueKind.Number, n => n.GetValue<double>());

    public bool Bool(string key) => Json[key]?.GetValueKind() switch
    {
        JsonValueKind.True => true,
        JsonValueKind.False => false,
        _ => throw Bad(key, "true or false"),
    };

    public (int Height, int Width) Pair(string key) =>
        Json[key] is JsonArray { Count: 2 } a && a[0]?.GetValueKind() == JsonValueKind.Number && a[1]?.GetValueKind() == JsonValueKind.Number
            ? (Read(a[0]!, key), Read(a[1]!, key))
            : throw Bad(key, "a pair of integers [height, width]");

    public Padding Padding(string key = "padding") => Read(key, JsonValueKind.String, n => n.GetValue<string>()) switch
    {
        "valid" => NotebookNet.Padding.Valid,
        "same" => NotebookNet.Padding.Same,
        _ => throw Bad(key, "\"valid\" or \"same\""),
    };

    /// <summary>The activation name, checked by the layer's constructor (Activations knows the valid ones).</summary>
    public string? Activation() => Json["activation"] is null ? null : Read("activation", JsonValueKind.String, n => n.GetValue<string>());

    public Initializer? Initializer(string key)
    {
        if (Json[key] is null) return null;
        string name = Read(key, JsonValueKind.String, n => n.GetValue<string>());
        return CompileFormats.FindInitializer(name) ?? throw Bad(key, "one of " + string.Join(", ", CompileFormats.InitializerNames));
    }

    private LayerConfig Put(string key, JsonNode? value)
    {
        Json[key] = value;
        return this;
    }

    private T Read<T>(string key, JsonValueKind kind, Func<JsonValue, T> get)
    {
        var node = Json[key];
        if (node is not JsonValue value || value.GetValueKind() != kind) throw Bad(key, kind == JsonValueKind.Number ? "a number" : "a string");
        try
        {
            return get(value);
        }
        catch (Exception e) when (e is FormatException or InvalidOperationException or OverflowException)
        {
            throw Bad(key, typeof(T) == typeof(int) ? "an integer" : "a number");
        }
    }

    private int Read(JsonNode node, string key)
    {
        try
        {
            return node.GetValue<int>();
        }
        catch (Exception e) when (e is FormatException or InvalidOperationException or OverflowException)
        {
            throw Bad(key, "a pair of integers [height, width]");
        }
    }

    private InvalidDataException Bad(string key, string expected) =>
        new($"{_where}: \"{key}\" should be {expected} but is {Json[key]?.ToJsonString() ?? "missing"}.");
}
