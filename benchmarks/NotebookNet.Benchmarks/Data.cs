namespace NotebookNet.Benchmarks;

/// <summary>Seeded random inputs, so every run measures the same numbers.</summary>
internal static class Data
{
    public static float[] Random(int length, int seed)
    {
        var rng = new Random(seed);
        var data = new float[length];
        for (int i = 0; i < data.Length; i++) data[i] = (float)(rng.NextDouble() * 2 - 1);
        return data;
    }
}
