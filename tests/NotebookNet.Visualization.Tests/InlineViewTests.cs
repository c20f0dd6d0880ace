using NotebookNet.Layers;

namespace NotebookNet.Visualization.Tests;

public sealed class InlineViewTests
{
    [Fact]
    public void A_built_layer_reads_as_name_type_output_shape_and_weight_formula()
    {
        var model = new Sequential([new Flatten(), new Dense(10)], new Shape(40, 40, 1));
        model.Summary();
        Assert.Equal("dense (Dense) · output (None, 10) · params (1600 + 1)·10 = 16,010", InlineView.LayerText(model.Layers[1]));
        Assert.Contains("class=\"nn-layer\"", InlineView.LayerHtml(model.Layers[1]));
    }

    [Fact]
    public void A_layer_not_built_yet_says_how_to_build_it()
    {
        Assert.Contains("not built yet", InlineView.LayerText(new Dense(3, name: "d")));
    }

    [Fact]
    public void A_line_escapes_its_text()
    {
        Assert.Equal("<span class=\"nn-shape\" style=\"font-family:ui-monospace,SFMono-Regular,Menlo,Consolas,'Liberation Mono'," +
            "monospace;font-size:13px\">a &lt;b&gt;</span>", InlineView.Line("a <b>", "nn-shape"));
    }

    [Fact]
    public void A_rendering_error_names_the_type_and_the_error_in_html_and_in_text()
    {
        var error = new InvalidOperationException("no <pixels>");
        Assert.Equal("NotebookNet could not display this Figure: InvalidOperationException: no <pixels>",
            InlineView.Error("Figure", "text/plain", error));
        Assert.Contains("no &lt;pixels&gt;", InlineView.Error("Figure", "text/html", error));
    }
}
