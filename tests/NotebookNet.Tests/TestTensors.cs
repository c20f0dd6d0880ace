using NotebookNet.Layers;

namespace NotebookNet.Tests;

/// <summary>Seeded test inputs.</summary>
internal static class TestTensors
{
    /// <summary>Uniform on [−1, 1).</summary>
    public static Tensor Uniform(Random random, params int[] shape)
    {
        var t = new Tensor(shape);
        for (int i = 0; i < t.Length; i++) t.Data[i] = (float)(random.NextDouble() * 2 - 1);
        return t;
    }

    /// <summary>Uniform on [−1, 1) with the seed given.</summary>
    public static Tensor Uniform(int seed, params int[] shape) => Uniform(new Random(seed), shape);

    /// <summary>Values at least 0.1 away from 0, so a ±0.01 nudge never crosses ReLU's kink.</summary>
    public static Tensor AwayFromZero(int seed, params int[] shape)
    {
        var random = new Random(seed);
        var t = new Tensor(shape);
        for (int i = 0; i < t.Length; i++) t.Data[i] = (float)((0.1 + 0.9 * random.NextDouble()) * (random.Next(2) == 0 ? -1 : 1));
        return t;
    }

    /// <summary>All values distinct and 0.05 apart, shuffled, so a ±0.01 nudge never changes a max pool's winner.</summary>
    public static Tensor Distinct(int seed, params int[] shape)
    {
        var t = new Tensor(shape);
        var order = Enumerable.Range(0, t.Length).ToArray();
        new Random(seed).Shuffle(order);
        for (int i = 0; i < t.Length; i++) t.Data[i] = (order[i] - t.Length / 2) * 0.05f;
        return t;
    }

    /// <summary>Builds <paramref name="layer"/> for <paramref name="inputShape"/> and sets every parameter (bias
    /// included, which Build leaves at zero) to random values on [−1, 1), so every term of Forward matters.</summary>
    public static T BuiltWithRandomWeights<T>(T layer, Shape inputShape, int seed = 7) where T : Layer
    {
        var random = new Random(seed);
        layer.Build(inputShape, random);
        foreach (var p in layer.Parameters)
            for (int i = 0; i < p.Count; i++) p.Value.Data[i] = (float)(random.NextDouble() * 2 - 1);
        return layer;
    }
}
