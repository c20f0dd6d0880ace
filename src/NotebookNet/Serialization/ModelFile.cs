using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using NotebookNet.Layers;

namespace NotebookNet.Serialization;

/// <summary>
/// The NotebookNet whole-model file (<c>.nbm</c>), format version 1: everything needed to use or keep training a
/// model without the code that built it. The frame is <see cref="ChecksummedFile"/>'s (magic "NBNM", version,
/// JSON header, float32 payload, SHA-256, written atomically). The header, plain data only:
/// <code>
/// { "model":   { "name": "mnist_convnet", "seed": 42, "input_shape": [28, 28, 1] },
///   "layers":  [ { "type": "Conv2D", "name": "conv2d",
///                  "config": { "filters": 32, "kernel_size": [3, 3], "strides": [1, 1], "padding": "valid",
///                              "activation": "relu", "use_bias": true, "kernel_initializer": "glorot_uniform" },
///                  "output_shape": [26, 26, 32],
///                  "parameters": [ { "name": "kernel", "shape": [3, 3, 1, 32] }, { "name": "bias", "shape": [32] } ],
///                  "state": [] }, ... ],
///   "compile": { "optimizer": { "type": "adam", "learning_rate": 0.001, ... }, "loss": "categorical_crossentropy",
///                "metrics": [ "accuracy" ] },
///   "optimizer_state": { "iterations": 938, "slots": [ "m", "v" ] } }      (absent without the optimizer state)
/// </code>
/// The payload holds, in order: every layer's parameters then its state tensors, layer by layer; then, with the
/// optimizer state, each slot's array for every parameter (slot by slot, parameters in model order).
/// </summary>
/// <remarks>
/// Loading never runs code from the file: layer types come from the closed table <see cref="LayerFormats"/>, the
/// optimizer, loss and metrics from <see cref="CompileFormats"/>. Everything is checked (the checksum, every key,
/// every shape against the rebuilt model, the payload's exact size) before a model is returned, so a bad file gives
/// an <see cref="InvalidDataException"/> naming the file and the problem, and no model at all.
/// Not saved: the position of Dropout's mask sequence (a loaded model's Dropout starts again from its seed).
/// </remarks>
public static class ModelFile
{
    /// <summary>The format version this library writes and the newest it reads.</summary>
    public const int FormatVersion = 1;

    private static readonly byte[] Magic = "NBNM"u8.ToArray();
    private const int MaxRank = 8;
    private static readonly JsonSerializerOptions Indented = new() { WriteIndented = true };

    /// <summary>Writes the compiled <paramref name="model"/> to <paramref name="path"/> atomically; with
    /// <paramref name="includeOptimizer"/>, also the optimizer's state (moments, velocity, step count).</summary>
    public static void Save(Sequential model, string path, bool includeOptimizer = true)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentException.ThrowIfNullOrEmpty(path);
        if (!model.IsCompiled) throw new InvalidOperationException($"Sequential '{model.Name}' is not compiled: compile (and train) it before saving.");
        var tensors = new List<Tensor>();
        var layers = new JsonArray();
        foreach (var layer in model.Layers)
        {
            var format = LayerFormats.Of(layer);
            var state = format.State(layer);
            layers.Add(new JsonObject
            {
                ["type"] = format.TypeName,
                ["name"] = layer.Name,
                ["config"] = format.Write(layer).Json,
                ["output_shape"] = Ints(layer.OutputShape.ToArray()),
                ["parameters"] = new JsonArray(layer.Parameters.Select(p => (JsonNode)new JsonObject { ["name"] = p.Name, ["shape"] = Ints(p.Value.Shape) }).ToArray()),
                ["state"] = new JsonArray(state.Select(t => (JsonNode)new JsonObject { ["shape"] = Ints(t.Shape) }).ToArray()),
            });
            tensors.AddRange(layer.Parameters.Select(p => p.Value));
            tensors.AddRange(state);
        }
        var header = new JsonObject
        {
            ["model"] = new JsonObject { ["name"] = model.Name, ["seed"] = model.Seed, ["input_shape"] = Ints(model.InputShape.ToArray()) },
            ["layers"] = layers,
            ["compile"] = CompileFormats.Write(model),
        };
        if (includeOptimizer)
        {
            var optimizer = model.Optimizer;
            header["optimizer_state"] = new JsonObject
            {
                ["iterations"] = optimizer.Iterations,
                ["slots"] = new JsonArray(optimizer.StateNames.Select(s => (JsonNode)s).ToArray()),
            };
            foreach (string slot in optimizer.StateNames)
                tensors.AddRange(model.Parameters.Select(p => new Tensor(optimizer.StateOf(slot, p), p.Value.Shape)));
        }
        byte[] json = Encoding.UTF8.GetBytes(header.ToJsonString(Indented));   // indented: the header reads as text
        ChecksummedFile.Write(path, Magic, FormatVersion, json, 4L * tensors.Sum(t => (long)t.Length), payload =>
        {
            int offset = 0;
            foreach (var t in tensors) ChecksummedFile.WriteFloats(payload, ref offset, t.Data);
        });
    }

    /// <summary>Reads a model saved by <see cref="Save"/>: a new, compiled model with the saved weights (and optimizer
    /// state, if saved). Any problem throws an <see cref="InvalidDataException"/> naming the file.</summary>
    public static Sequential Load(string path)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        string file = $"'{Path.GetFileName(path)}'";
        var frame = ChecksummedFile.Read(path, Magic, "model", FormatVersion);
        JsonObject root;
        try
        {
            root = JsonNode.Parse(frame.Header) as JsonObject ?? throw new InvalidDataException($"{file}: the header is not a JSON object.");
        }
        catch (JsonException e)
        {
            throw new InvalidDataException($"{file}: the header is not valid JSON ({e.Message}).", e);
        }
        return new Reader(file, root, frame).Read();
    }

    private static JsonArray Ints(IEnumerable<int> values) => new(values.Select(v => (JsonNode)v).ToArray());

    // Reads one header; every error names the file (and the layer) it is about.
    private sealed class Reader(string file, JsonObject root, ChecksummedFile.Frame frame)
    {
        private readonly List<(string Where, Tensor Target)> _targets = [];

        public Sequential Read()
        {
            var modelJson = Section(root, "model", file);
            var info = new LayerConfig(modelJson, $"{file}, model");
            string name = Text(modelJson, "name", $"{file}, model");
            var inputShape = ShapeOf(modelJson["input_shape"], $"{file}, model input_shape");
            var layerJson = root["layers"] as JsonArray ?? throw new InvalidDataException($"{file}: the header has no \"layers\" list.");
            var layers = layerJson.Select((node, i) => ReadLayer(node, i)).ToList();
            var declared = layerJson.Select((node, i) => DeclaredShapes((JsonObject)node!, i)).ToList();
            var compile = Section(root, "compile", file);
            var (slots, iterations) = OptimizerState();

            long parameterValues = declared.Sum(d => d.Parameters.Sum(SizeOf)), stateValues = declared.Sum(d => d.State.Sum(SizeOf));
            long values = parameterValues * (1 + slots.Count) + stateValues;   // weights, layer state, one copy per optimizer slot
            if (frame.PayloadLength != 4 * values)
                throw new InvalidDataException($"{file} is damaged: its header describes {4 * values:N0} bytes of weights, the file holds {frame.PayloadLength:N0}.");
            CheckOutputShapes(layers, inputShape);

            var model = Build(name, info.Int("seed"), inputShape, layers, compile, slots);
            var parameters = new List<Parameter>();
            for (int i = 0; i < layers.Count; i++)
            {
                var where = $"{file}, layer {i} ({layers[i].TypeName} '{layers[i].Name}')";
                Expect(where, "parameters", declared[i].Parameters, layers[i].Parameters.Select(p => p.Value).ToList());
                Expect(where, "state tensors", declared[i].State, LayerFormats.Of(layers[i]).State(layers[i]));
                parameters.AddRange(layers[i].Parameters);
            }
            foreach (string slot in slots)
                foreach (var p in parameters) _targets.Add(($"optimizer slot {slot}", new Tensor(model.Optimizer.StateOf(slot, p), p.Value.Shape)));
            int offset = frame.PayloadStart;
            foreach (var (_, target) in _targets) ChecksummedFile.ReadFloats(frame.Bytes, ref offset, target.Data);
            if (iterations is long t) model.Optimizer.RestoreIterations(t);
            return model;
        }

        private Layer ReadLayer(JsonNode? node, int index)
        {
            string where = $"{file}, layer {index}";
            if (node is not JsonObject json) throw new InvalidDataException($"{where}: not a JSON object.");
            string type = Text(json, "type", where);
            var format = LayerFormats.Find(type) ?? throw new InvalidDataException(
                $"{where}: unknown layer type '{type}'; this NotebookNet knows {string.Join(", ", LayerFormats.TypeNames)}.");
            string layerName = Text(json, "name", where);
            where = $"{where} ({type} '{layerName}')";
            var config = new LayerConfig(Section(json, "config", where), where) { Name = layerName };
            try
            {
                return format.Read(config);
            }
            catch (ArgumentException e)
            {
                throw new InvalidDataException($"{where}: {e.Message}", e);
            }
        }

        private (List<int[]> Parameters, List<int[]> State) DeclaredShapes(JsonObject json, int index)
        {
            string where = $"{file}, layer {index}";
            List<int[]> List(string key) => (json[key] as JsonArray ?? throw new InvalidDataException($"{where}: no \"{key}\" list."))
                .Select(p => ShapeOf((p as JsonObject)?["shape"], $"{where} {key}").ToArray()).ToList();
            return (List("parameters"), List("state"));
        }

        private (List<string> Slots, long? Iterations) OptimizerState()
        {
            if (root["optimizer_state"] is null) return ([], null);
            var json = Section(root, "optimizer_state", file);
            string where = $"{file}, optimizer_state";
            var slots = (json["slots"] as JsonArray ?? throw new InvalidDataException($"{where}: no \"slots\" list."))
                .Select(s => s?.GetValueKind() == JsonValueKind.String ? s.GetValue<string>() : throw new InvalidDataException($"{where}: a slot name is not a string.")).ToList();
            long iterations = json["iterations"] is JsonValue v && v.TryGetValue(out long n) && n >= 0
                ? n : throw new InvalidDataException($"{where}: \"iterations\" should be a non-negative integer.");
            return (slots, iterations);
        }

        private Sequential Build(string name, int seed, Shape inputShape, List<Layer> layers, JsonObject compile, List<string> slots)
        {
            string where = $"{file}, compile";
            try
            {
                var model = new Sequential(layers, inputShape, name, seed);
                var optimizer = CompileFormats.ReadOptimizer(new LayerConfig(Section(compile, "optimizer", where), $"{where} optimizer"));
                var loss = CompileFormats.ReadLoss(Text(compile, "loss", where));
                var metrics = (compile["metrics"] as JsonArray ?? throw new InvalidDataException($"{where}: no \"metrics\" list."))
                    .Select(m => CompileFormats.ReadMetric(m?.GetValueKind() == JsonValueKind.String ? m.GetValue<string>() : "")).ToArray();
                model.Compile(optimizer, loss, metrics);
                if (slots.Count > 0 && !slots.SequenceEqual(optimizer.StateNames))
                    throw new InvalidDataException($"optimizer state slots [{string.Join(", ", slots)}] do not match {optimizer}'s [{string.Join(", ", optimizer.StateNames)}].");
                return model;
            }
            catch (Exception e) when (e is ArgumentException or InvalidDataException or InvalidOperationException)
            {
                throw new InvalidDataException(e.Message.StartsWith(file, StringComparison.Ordinal) ? e.Message : $"{where}: {e.Message}", e);
            }
        }

        // Before any weight is allocated: the layers rebuilt from their configs must give the shapes the file declares.
        private void CheckOutputShapes(List<Layer> layers, Shape inputShape)
        {
            var shape = inputShape;
            for (int i = 0; i < layers.Count; i++)
            {
                string where = $"{file}, layer {i} ({layers[i].TypeName} '{layers[i].Name}')";
                var saved = ShapeOf((root["layers"]![i] as JsonObject)?["output_shape"], $"{where} output_shape");
                try
                {
                    shape = layers[i].ComputeOutputShape(shape);
                }
                catch (Exception e) when (e is ArgumentException or ShapeMismatchException)
                {
                    throw new InvalidDataException($"{where}: {e.Message}", e);
                }
                if (!shape.Equals(saved))
                    throw new InvalidDataException($"{where}: its config gives output shape {shape}, the file says {saved}.");
            }
        }

        private void Expect(string where, string what, List<int[]> declared, IReadOnlyList<Tensor> actual)
        {
            if (declared.Count != actual.Count)
                throw new InvalidDataException($"{where}: the file lists {declared.Count} {what}, the layer has {actual.Count}.");
            for (int j = 0; j < declared.Count; j++)
            {
                if (!declared[j].AsSpan().SequenceEqual(actual[j].Shape))
                    throw new InvalidDataException($"{where}: {what} {j} has shape {Shape.Format(declared[j])} in the file, {actual[j].ShapeString} in the layer.");
                _targets.Add((where, actual[j]));
            }
        }

        private static long SizeOf(int[] shape) => shape.Aggregate(1L, (a, d) => a * d);

        private static JsonObject Section(JsonObject json, string key, string where) =>
            json[key] as JsonObject ?? throw new InvalidDataException($"{where}: the header has no \"{key}\" object.");

        private static string Text(JsonObject json, string key, string where) =>
            json[key] is JsonValue v && v.GetValueKind() == JsonValueKind.String
                ? v.GetValue<string>() : throw new InvalidDataException($"{where}: \"{key}\" should be a string.");

        private static Shape ShapeOf(JsonNode? node, string where)
        {
            if (node is not JsonArray a || a.Count > MaxRank
                || a.Any(d => d is not JsonValue v || !v.TryGetValue(out int n) || n < 1))
                throw new InvalidDataException($"{where}: a shape should be a list of up to {MaxRank} positive integers, not {node?.ToJsonString() ?? "nothing"}.");
            return new Shape(a.Select(d => d!.GetValue<int>()).ToArray());
        }
    }
}
