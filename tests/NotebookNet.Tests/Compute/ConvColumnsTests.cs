using NotebookNet.Compute;
using NotebookNet.Layers;
using static NotebookNet.Tests.Compute.ComputeTestData;

namespace NotebookNet.Tests.Compute;

public sealed class ConvColumnsTests
{
    // batch, height, width, channels, kernel h, kernel w, stride y, stride x, padding ("valid"/"same")
    public static TheoryData<int, int, int, int, int, int, int, int, string> Geometries => new()
    {
        { 1, 5, 5, 1, 3, 3, 1, 1, "valid" },
        { 2, 7, 6, 3, 3, 3, 1, 1, "same" },
        { 2, 7, 7, 2, 3, 3, 2, 2, "same" },
        { 2, 7, 7, 2, 3, 3, 2, 2, "valid" },
        { 3, 8, 9, 4, 2, 2, 2, 2, "valid" },
        { 1, 1, 1, 5, 1, 1, 1, 1, "valid" },
        { 2, 5, 4, 3, 1, 1, 1, 1, "same" },
        { 2, 9, 9, 3, 5, 5, 2, 1, "same" },
        { 1, 4, 4, 17, 4, 4, 1, 1, "same" },
        { 2, 13, 11, 2, 3, 5, 3, 2, "valid" },
        { 2, 13, 11, 7, 3, 5, 3, 2, "same" },
        { 1, 6, 6, 1, 1, 1, 2, 2, "same" },
        { 4, 28, 28, 1, 3, 3, 1, 1, "valid" },
        { 3, 26, 26, 33, 3, 3, 1, 1, "same" },
    };

    [Theory]
    [MemberData(nameof(Geometries))]
    public void Im2col_copies_every_window_like_the_direct_loop(int n, int h, int w, int c, int kh, int kw, int sy, int sx, string padding)
    {
        var g = Geometry(n, h, w, c, kh, kw, sy, sx, padding);
        var x = Random(g.InputLength, 1);
        var expected = new float[Length(g)];
        ReferenceConvColumns.Im2Col(x, expected, g);
        foreach (int threads in new[] { 1, 2 })
        {
            var actual = Enumerable.Repeat(float.NaN, Length(g)).ToArray();
            ConvColumns.Im2Col(x, actual, g, threads);
            Assert.Equal(expected, actual);
        }
    }

    [Theory]
    [MemberData(nameof(Geometries))]
    public void Col2im_sums_overlapping_windows_like_the_direct_loop(int n, int h, int w, int c, int kh, int kw, int sy, int sx, string padding)
    {
        var g = Geometry(n, h, w, c, kh, kw, sy, sx, padding);
        var cols = Random(Length(g), 2);
        var expected = Random(g.InputLength, 3);
        ReferenceConvColumns.Col2Im(cols, expected, g);
        foreach (int threads in new[] { 1, 2 })
        {
            var actual = Random(g.InputLength, 4);
            ConvColumns.Col2Im(cols, actual, g, accumulate: false, threads);
            // Same additions in the same order as the reference, so equal to the last bit.
            Assert.Equal(expected, actual);
        }
    }

    [Theory]
    [MemberData(nameof(Geometries))]
    public void Col2im_with_accumulate_adds_to_what_the_input_held(int n, int h, int w, int c, int kh, int kw, int sy, int sx, string padding)
    {
        var g = Geometry(n, h, w, c, kh, kw, sy, sx, padding);
        var cols = Random(Length(g), 5);
        var expected = Random(g.InputLength, 6);
        var actual = (float[])expected.Clone();
        ReferenceConvColumns.Col2Im(cols, expected, g, accumulate: true);
        ConvColumns.Col2Im(cols, actual, g, accumulate: true, threads: 2);
        Assert.Equal(expected, actual);
    }

    [Theory]
    [MemberData(nameof(Geometries))]
    public void Col2im_is_the_adjoint_of_im2col(int n, int h, int w, int c, int kh, int kw, int sy, int sx, string padding)
    {
        // ⟨im2col(x), y⟩ = ⟨x, col2im(y)⟩: what makes col2im the right backward pass for im2col.
        var g = Geometry(n, h, w, c, kh, kw, sy, sx, padding);
        var x = Random(g.InputLength, 7);
        var y = Random(Length(g), 8);
        var cols = new float[Length(g)];
        var back = new float[g.InputLength];
        ConvColumns.Im2Col(x, cols, g, 2);
        ConvColumns.Col2Im(y, back, g, accumulate: false, 2);
        double left = Dot(cols, y), right = Dot(x, back);
        Assert.True(Math.Abs(left - right) <= 1e-5 * (1 + Math.Abs(left)), $"⟨im2col(x), y⟩ = {left} but ⟨x, col2im(y)⟩ = {right}");
    }

    [Fact]
    public void A_pointwise_window_makes_the_columns_equal_to_the_input()
    {
        var g = Geometry(2, 5, 4, 3, 1, 1, 1, 1, "valid");
        Assert.True(ConvColumns.IsPointwise(g));
        Assert.Equal((2 * 5 * 4, 3), (ConvColumns.Rows(g), g.PatchSize));
        var x = Random(g.InputLength, 9);
        var cols = new float[Length(g)];
        ConvColumns.Im2Col(x, cols, g, 1);
        Assert.Equal(x, cols);
        Assert.False(ConvColumns.IsPointwise(Geometry(2, 5, 4, 3, 1, 1, 2, 2, "same")));
        Assert.False(ConvColumns.IsPointwise(Geometry(2, 5, 4, 3, 3, 3, 1, 1, "same")));
    }

    [Fact]
    public void Columns_are_ordered_like_a_kernel_stored_kh_kw_inC()
    {
        // One 2×2 image with 2 channels, a 2×2 window, no padding: the single row is the image in (ky, kx, c) order.
        var g = Geometry(1, 2, 2, 2, 2, 2, 1, 1, "valid");
        float[] x = [1, 2, 3, 4, 5, 6, 7, 8];
        var cols = new float[Length(g)];
        ConvColumns.Im2Col(x, cols, g, 1);
        Assert.Equal(x, cols);
    }

    [Fact]
    public void Same_padding_puts_zeros_where_the_window_leaves_the_image()
    {
        // 3×3 image, 3×3 window, pad 1: the top-left window's first row and column are padding.
        var g = Geometry(1, 3, 3, 1, 3, 3, 1, 1, "same");
        var x = Enumerable.Range(1, 9).Select(v => (float)v).ToArray();
        var cols = new float[Length(g)];
        ConvColumns.Im2Col(x, cols, g, 1);
        Assert.Equal(new float[] { 0, 0, 0, 0, 1, 2, 0, 4, 5 }, cols[..9]);
    }

    [Fact]
    public void An_output_size_that_puts_a_window_outside_the_input_is_rejected()
    {
        var g = Geometry(1, 5, 5, 1, 3, 3, 2, 2, "valid") with { OutH = 4 };
        var ex = Assert.Throws<ArgumentOutOfRangeException>(() => ConvColumns.Im2Col(new float[25], new float[100], g, 1));
        Assert.Contains("OutH=4", ex.Message);
        Assert.Contains("expected OutH ≤ 3", ex.Message);
    }

    [Theory]
    [InlineData(0, 3, 0, "Batch=0")]
    [InlineData(1, 0, 0, "KH=0")]
    [InlineData(1, 3, 3, "PadTop=3")]
    public void Bad_window_or_padding_is_rejected_with_the_value_received(int batch, int kernelHeight, int padTop, string echo)
    {
        var g = Geometry(1, 5, 5, 1, 3, 3, 1, 1, "valid") with { Batch = batch, KH = kernelHeight, PadTop = padTop };
        var ex = Assert.Throws<ArgumentOutOfRangeException>(() => ConvColumns.Col2Im(new float[100], new float[25], g, false, 1));
        Assert.Contains(echo, ex.Message);
    }

    [Fact]
    public void Too_short_a_column_buffer_is_rejected_with_the_size_it_needed()
    {
        var g = Geometry(2, 5, 5, 3, 3, 3, 1, 1, "valid");
        var ex = Assert.Throws<ArgumentException>(() => ConvColumns.Im2Col(new float[g.InputLength], new float[10], g, 1));
        Assert.Contains("18×27 = 486 values", ex.Message);
        Assert.Contains("received 10", ex.Message);
    }

    // The layers' own rule (ConvMath.OutputSize: TensorFlow's Valid/Same), so the kernels are tested on the
    // geometries the layers will hand them.
    private static ConvGeometry Geometry(int n, int h, int w, int c, int kh, int kw, int sy, int sx, string padding) =>
        ConvMath.Geometry(new Shape(h, w, c), (kh, kw), (sy, sx), padding == "same" ? Padding.Same : Padding.Valid, filters: 1) with { Batch = n };

    private static int Length(ConvGeometry g) => ConvColumns.Rows(g) * g.PatchSize;

    private static double Dot(float[] a, float[] b)
    {
        double sum = 0;
        for (int i = 0; i < a.Length; i++) sum += (double)a[i] * b[i];
        return sum;
    }
}
