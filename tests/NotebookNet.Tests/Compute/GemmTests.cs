using NotebookNet.Compute;
using static NotebookNet.Tests.Compute.ComputeTestData;

namespace NotebookNet.Tests.Compute;

public sealed class GemmTests
{
    // (m, n, k): odd sizes, sizes just off the 6×16 tile and the KC = 256 / MC = 120 / NC = 3072 blocks.
    public static readonly (int M, int N, int K)[] Shapes =
    [
        (1, 1, 1), (1, 3, 7), (3, 1, 17), (7, 17, 1), (17, 33, 65), (33, 7, 257), (65, 65, 65),
        (257, 17, 33), (6, 16, 256), (5, 15, 255), (7, 17, 257), (12, 32, 512), (121, 19, 300),
        (127, 49, 513), (240, 48, 260), (1, 257, 600), (257, 1, 600), (64, 64, 1), (5, 3100, 3), (3, 6200, 2),
    ];

    public static TheoryData<int, int, int, bool, bool> ShapesAndTranspositions()
    {
        var data = new TheoryData<int, int, int, bool, bool>();
        foreach (var (m, n, k) in Shapes)
            foreach (var ta in new[] { false, true })
                foreach (var tb in new[] { false, true })
                    data.Add(m, n, k, ta, tb);
        return data;
    }

    public static TheoryData<int, int, int, bool, bool> SomeShapesAndTranspositions()
    {
        var data = new TheoryData<int, int, int, bool, bool>();
        foreach (var (m, n, k) in Shapes.Where((_, i) => i % 3 == 0))
            foreach (var ta in new[] { false, true })
                foreach (var tb in new[] { false, true })
                    data.Add(m, n, k, ta, tb);
        return data;
    }

    [Theory]
    [MemberData(nameof(ShapesAndTranspositions))]
    public void Fast_gemm_matches_the_reference_with_alpha_beta_and_padded_leading_dimensions(int m, int n, int k, bool ta, bool tb) =>
        CompareWithReference(m, n, k, Op(ta), Op(tb), alpha: 1.5f, beta: -0.75f, threads: 2, FastPath);

    [Theory]
    [MemberData(nameof(SomeShapesAndTranspositions))]
    public void Forced_scalar_fallback_matches_the_reference(int m, int n, int k, bool ta, bool tb) =>
        CompareWithReference(m, n, k, Op(ta), Op(tb), alpha: 0.5f, beta: 2f, threads: 2, SimdPath.Scalar);

    [Theory]
    [MemberData(nameof(SomeShapesAndTranspositions))]
    public void The_128_bit_path_matches_the_reference(int m, int n, int k, bool ta, bool tb)
    {
        // Runs where 128-bit FMA exists (x86 with FMA, ARM64): everywhere this project is built and tested.
        if (!ComputeSettings.Simd128Available) return;
        CompareWithReference(m, n, k, Op(ta), Op(tb), alpha: -1.25f, beta: 0.5f, threads: 2, SimdPath.Fma128);
    }

    [Theory]
    [MemberData(nameof(SomeShapesAndTranspositions))]
    public void Three_threads_split_the_work_and_still_match_the_reference(int m, int n, int k, bool ta, bool tb) =>
        CompareWithReference(m, n, k, Op(ta), Op(tb), alpha: 1f, beta: 1f, threads: 3, FastPath);

    [Theory]
    [InlineData(1f, 0f)]
    [InlineData(1f, 1f)]
    [InlineData(-2f, 0.5f)]
    [InlineData(0.25f, -1f)]
    public void Alpha_and_beta_scale_the_product_and_the_old_c(float alpha, float beta) =>
        CompareWithReference(37, 41, 43, Transpose.No, Transpose.No, alpha, beta, threads: 1, FastPath);

    private static Transpose Op(bool transposed) => transposed ? Transpose.Yes : Transpose.No;

    private static void CompareWithReference(int m, int n, int k, Transpose ta, Transpose tb, float alpha, float beta, int threads, SimdPath path)
    {
        // Leading dimensions a little larger than the stored row so that the ld arithmetic is exercised.
        int aRows = ta == Transpose.No ? m : k, aCols = ta == Transpose.No ? k : m;
        int bRows = tb == Transpose.No ? k : n, bCols = tb == Transpose.No ? n : k;
        int lda = aCols + 3, ldb = bCols + 1, ldc = n + 2;
        var a = Random(aRows * lda, 1);
        var b = Random(bRows * ldb, 2);
        var c0 = Random(m * ldc, 3);

        var expected = (float[])c0.Clone();
        ReferenceGemm.Multiply(ta, tb, m, n, k, alpha, a, lda, b, ldb, beta, expected, ldc);
        var actual = (float[])c0.Clone();
        Gemm.Multiply(ta, tb, m, n, k, alpha, a, lda, b, ldb, beta, actual, ldc, threads, path);
        var scale = Abs(c0);
        ReferenceGemm.Multiply(ta, tb, m, n, k, Math.Abs(alpha), Abs(a), lda, Abs(b), ldb, Math.Abs(beta), scale, ldc);

        AssertClose(expected, actual, scale, k, $"{path} {ta}/{tb} m={m} n={n} k={k} threads={threads}");
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    public void Beta_zero_overwrites_c_without_reading_it(int threads)
    {
        int m = 13, n = 35, k = 300;
        var a = Random(m * k, 4);
        var b = Random(k * n, 5);
        var c = Enumerable.Repeat(float.NaN, m * n).ToArray();
        Gemm.Multiply(Transpose.No, Transpose.No, m, n, k, 1f, a, k, b, n, 0f, c, n, threads, FastPath);
        Assert.All(c, v => Assert.True(float.IsFinite(v), $"found {v}"));
    }

    [Fact]
    public void Zero_depth_or_zero_alpha_leaves_beta_times_c()
    {
        var c = new[] { 1f, 2f, 3f, 4f };
        Gemm.Multiply(Transpose.No, Transpose.No, 2, 2, 0, 1f, [], 1, [], 2, 0.5f, c, 2, 1, FastPath);
        Assert.Equal(new[] { 0.5f, 1f, 1.5f, 2f }, c);
        Gemm.Multiply(Transpose.No, Transpose.No, 2, 2, 1, 0f, [float.NaN, 1f], 1, [1f, 1f], 2, 0f, c, 2, 1, FastPath);
        Assert.Equal(new[] { 0f, 0f, 0f, 0f }, c);
    }

    [Fact]
    public void Gemm_leaves_the_padding_between_rows_of_c_untouched()
    {
        int m = 9, n = 20, k = 30, ldc = 25;
        var c = Enumerable.Repeat(7f, m * ldc).ToArray();
        Gemm.Multiply(Transpose.No, Transpose.No, m, n, k, 1f, Random(m * k, 6), k, Random(k * n, 7), n, 0f, c, ldc, 2, FastPath);
        for (int i = 0; i < m; i++)
            for (int j = n; j < ldc && i * ldc + j < c.Length; j++)
                Assert.Equal(7f, c[i * ldc + j]);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void The_three_layer_products_match_the_reference_and_accumulate_when_asked(bool accumulate)
    {
        // A conv layer: patches (pixels × kh·kw·inC), kernel W (kh·kw·inC × filters), dOut (pixels × filters).
        int pixels = 2 * 13 * 13, patch = 3 * 3 * 5, filters = 19;
        var patches = Random(pixels * patch, 8);
        var w = Random(patch * filters, 9);
        var dOut = Random(pixels * filters, 10);
        float beta = accumulate ? 1f : 0f;

        var forward = Random(pixels * filters, 11);
        var forwardRef = (float[])forward.Clone();
        Gemm.MatMul(patches, w, forward, pixels, patch, filters, accumulate);
        ReferenceGemm.Multiply(Transpose.No, Transpose.No, pixels, filters, patch, 1f, patches, patch, w, filters, beta, forwardRef, filters);
        AssertClose(forwardRef, forward, Bound(forwardRef, patch), patch, "patches·W");

        var dW = Random(patch * filters, 12);
        var dWRef = (float[])dW.Clone();
        Gemm.MatMulTransposeA(patches, dOut, dW, patch, pixels, filters, accumulate);
        ReferenceGemm.Multiply(Transpose.Yes, Transpose.No, patch, filters, pixels, 1f, patches, patch, dOut, filters, beta, dWRef, filters);
        AssertClose(dWRef, dW, Bound(dWRef, pixels), pixels, "patchesᵀ·dOut");

        var dPatches = Random(pixels * patch, 13);
        var dPatchesRef = (float[])dPatches.Clone();
        Gemm.MatMulTransposeB(dOut, w, dPatches, pixels, filters, patch, accumulate);
        ReferenceGemm.Multiply(Transpose.No, Transpose.Yes, pixels, patch, filters, 1f, dOut, filters, w, filters, beta, dPatchesRef, patch);
        AssertClose(dPatchesRef, dPatches, Bound(dPatchesRef, filters), filters, "dOut·Wᵀ");
    }

    // All operands are in [−1, 1], so |each term| ≤ 1 and k terms plus |C₀| ≤ 1 bound the scale.
    private static float[] Bound(float[] like, int k) => Enumerable.Repeat((float)(k + 1), like.Length).ToArray();

    [Theory]
    [InlineData(false, false)]
    [InlineData(true, false)]
    [InlineData(false, true)]
    public void Results_are_bit_identical_across_runs_and_thread_counts(bool transposeA, bool transposeB)
    {
        Transpose ta = Op(transposeA), tb = Op(transposeB);
        int m = 250, n = 77, k = 600;
        var a = Random(m * k, 14);
        var b = Random(k * n, 15);
        int lda = ta == Transpose.No ? k : m, ldb = tb == Transpose.No ? n : k;
        float[] Run(int threads, SimdPath path)
        {
            var c = Random(m * n, 16);
            Gemm.Multiply(ta, tb, m, n, k, 1f, a, lda, b, ldb, 1f, c, n, threads, path);
            return c;
        }

        foreach (var path in new[] { FastPath, SimdPath.Scalar })
        {
            var first = Run(2, path);
            Assert.Equal(first, Run(2, path));
            Assert.Equal(first, Run(1, path));
            Assert.Equal(first, Run(3, path));
        }
    }

    [Theory]
    [InlineData(false, false)]
    [InlineData(true, true)]
    public void The_128_and_256_bit_paths_give_the_same_bits(bool transposeA, bool transposeB)
    {
        if (!ComputeSettings.SimdAvailable || !ComputeSettings.Simd128Available) return;
        int m = 125, n = 83, k = 300;
        Transpose ta = Op(transposeA), tb = Op(transposeB);
        var a = Random(m * k, 19);
        var b = Random(k * n, 20);
        int lda = ta == Transpose.No ? k : m, ldb = tb == Transpose.No ? n : k;
        var c256 = Random(m * n, 21);
        var c128 = (float[])c256.Clone();
        Gemm.Multiply(ta, tb, m, n, k, 0.75f, a, lda, b, ldb, -0.5f, c256, n, 2, SimdPath.Fma256);
        Gemm.Multiply(ta, tb, m, n, k, 0.75f, a, lda, b, ldb, -0.5f, c128, n, 2, SimdPath.Fma128);
        Assert.Equal(c256, c128);
    }

    [Fact]
    public void Concurrent_calls_from_several_threads_each_get_their_own_correct_result()
    {
        // Only one call at a time gets the worker pool; the others run their parts inline. All must be right.
        int m = 90, n = 70, k = 310;
        var a = Random(m * k, 22);
        var b = Random(k * n, 23);
        var expected = new float[m * n];
        Gemm.Multiply(Transpose.No, Transpose.No, m, n, k, 1f, a, k, b, n, 0f, expected, n, 1, FastPath);
        var results = new float[8][];
        Parallel.For(0, results.Length, new ParallelOptions { MaxDegreeOfParallelism = 4 }, i =>
        {
            var c = new float[m * n];
            for (int repeat = 0; repeat < 5; repeat++)
                Gemm.Multiply(Transpose.No, Transpose.No, m, n, k, 1f, a, k, b, n, 0f, c, n, 2, FastPath);
            results[i] = c;
        });
        Assert.All(results, c => Assert.Equal(expected, c));
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    public void A_steady_state_call_allocates_nothing_on_the_calling_thread(int threads)
    {
        int m = 100, n = 64, k = 300;
        var a = Random(m * k, 17);
        var b = Random(k * n, 18);
        var c = new float[m * n];
        Gemm.Multiply(Transpose.No, Transpose.No, m, n, k, 1f, a, k, b, n, 0f, c, n, threads, FastPath);
        long before = GC.GetAllocatedBytesForCurrentThread();
        for (int i = 0; i < 5; i++)
            Gemm.Multiply(Transpose.No, Transpose.No, m, n, k, 1f, a, k, b, n, 0f, c, n, threads, FastPath);
        Assert.Equal(0, GC.GetAllocatedBytesForCurrentThread() - before);
    }

    [Fact]
    public void Too_short_an_operand_is_rejected_with_the_sizes_it_needed()
    {
        var ex = Assert.Throws<ArgumentException>(() =>
            Gemm.Multiply(Transpose.No, Transpose.No, 4, 5, 6, 1f, new float[23], 6, new float[30], 5, 0f, new float[20], 5, 1, FastPath));
        Assert.Contains("A is stored 4×6", ex.Message);
        Assert.Contains("needs 24 values; received 23", ex.Message);
    }

    [Fact]
    public void A_leading_dimension_shorter_than_a_row_is_rejected()
    {
        var ex = Assert.Throws<ArgumentOutOfRangeException>(() =>
            Gemm.Multiply(Transpose.No, Transpose.Yes, 4, 5, 6, 1f, new float[24], 6, new float[30], 5, 0f, new float[20], 5, 1, FastPath));
        Assert.Contains("leading dimension of B must be at least max(1, 6)", ex.Message);
        Assert.Contains("received 5", ex.Message);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(-1)]
    public void A_thread_count_below_one_is_rejected(int threads)
    {
        var ex = Assert.Throws<ArgumentOutOfRangeException>(() =>
            Gemm.Multiply(Transpose.No, Transpose.No, 1, 1, 1, 1f, [1f], 1, [1f], 1, 0f, new float[1], 1, threads, FastPath));
        Assert.Contains($"received {threads}", ex.Message);
    }

    [Fact]
    public void Negative_sizes_are_rejected()
    {
        var ex = Assert.Throws<ArgumentOutOfRangeException>(() =>
            Gemm.Multiply(Transpose.No, Transpose.No, 2, -3, 1, 1f, [1f, 1f], 1, [1f], 1, 0f, new float[2], 1, 1, FastPath));
        Assert.Contains("n=-3", ex.Message);
    }
}
