using Microsoft.DotNet.Interactive.Events;

namespace NotebookNet.Interactive.Tests;

/// <summary>A type whose formatter always fails, to see what a student would see.</summary>
public sealed class Unrenderable
{
    /// <summary>Registers the failing formatter.</summary>
    public static void RegisterFailingFormatter() =>
        SafeFormatterAccess.Register<Unrenderable>("text/html", _ => throw new InvalidOperationException("the image has 0 pixels"));
}

/// <summary>Gives scripts access to the internal SafeFormatter.</summary>
public static class SafeFormatterAccess
{
    /// <summary>Same as SafeFormatter.Register.</summary>
    public static void Register<T>(string mimeType, Func<T, string> render) => SafeFormatter.Register(mimeType, render);
}

[Collection(KernelCollection.Name)]
public sealed class FormatterTests
{
    [Fact]
    public async Task A_cell_returning_a_tensor_shows_its_shape_and_values_as_html()
    {
        using var kernel = await TestKernel.StartAsync();

        var events = await kernel.SubmitAsync("using NotebookNet;\nnew Tensor(new float[] { 1, 2, 3, 4, 5, 6 }, 2, 3)");

        string html = TestKernel.ReturnValue(events, "text/html");
        Assert.Contains("class=\"notebooknet-tensor\"", html);
        Assert.Contains("shape [2, 3]", html);
        Assert.Contains("<td>6</td>", html);
    }

    [Fact]
    public async Task A_shape_shows_as_a_keras_tuple()
    {
        using var kernel = await TestKernel.StartAsync();

        var events = await kernel.SubmitAsync("new NotebookNet.Shape(28, 28, 1)");

        Assert.Equal("<code class=\"notebooknet-shape\">(28, 28, 1)</code>", TestKernel.ReturnValue(events, "text/html"));
    }

    [Fact]
    public async Task Without_the_extension_a_tensor_gets_the_kernels_default_html()
    {
        using var kernel = await TestKernel.StartAsync(loadExtension: false);

        var events = await kernel.SubmitAsync("new NotebookNet.Tensor(2, 3)");

        Assert.DoesNotContain("notebooknet-tensor", TestKernel.ReturnValue(events, "text/html"));
    }

    [Fact]
    public async Task A_formatter_that_throws_shows_a_readable_message_and_the_kernel_keeps_working()
    {
        using var kernel = await TestKernel.StartAsync();
        await kernel.SubmitAsync("NotebookNet.Interactive.Tests.Unrenderable.RegisterFailingFormatter();");

        var events = await kernel.SubmitAsync("new NotebookNet.Interactive.Tests.Unrenderable()");

        Assert.Contains(
            "NotebookNet could not display this Unrenderable: InvalidOperationException: the image has 0 pixels",
            TestKernel.ReturnValue(events, "text/html"));
        Assert.Contains("<pre>3</pre>", TestKernel.ReturnValue(await kernel.SubmitAsync("1 + 2"), "text/html"));
    }

    [Fact]
    public async Task Loading_the_extension_in_a_cell_prints_one_line_with_the_version()
    {
        using var kernel = await TestKernel.StartAsync(loadExtension: false);

        var events = await kernel.SubmitAsync(
            "await new NotebookNet.Interactive.NotebookNetKernelExtension().OnLoadAsync(Microsoft.DotNet.Interactive.Kernel.Root);");

        Assert.DoesNotContain(events, e => e is CommandFailed);
        var line = Assert.Single(events.OfType<DisplayedValueProduced>());
        string text = Assert.Single(line.FormattedValues).Value;
        Assert.Equal($"NotebookNet {NotebookNetKernelExtension.Version} loaded: formatters for Tensor, Shape; live training progress.", text);
        Assert.DoesNotContain("\n", text);
    }
}
