using Plotly.NET;

namespace NotebookNet.Visualization;

/// <summary>
/// Embeds a Plotly.NET chart in HTML that works in notebooks with and without require.js, and keeps a static
/// SVG beside it: the SVG shows until plotly.js has drawn the interactive chart, and stays where JavaScript
/// does not run (GitHub, nbviewer without scripts, a notebook that is not trusted).
/// </summary>
public static class PlotlyHtml
{
    /// <summary>The plotly.js version Plotly.NET 6.0.0 targets (loaded from the Plotly CDN).</summary>
    public const string PlotlyJsVersion = "2.28.0";

    /// <summary>The chart as Plotly figure JSON: <c>{"data": [...], "layout": {...}}</c>.</summary>
    public static string ToJson(GenericChart chart)
    {
        ArgumentNullException.ThrowIfNull(chart);
        return GenericChart.toFigureJson(chart);
    }

    /// <summary>
    /// A div for the interactive chart, the <paramref name="fallbackSvg"/> (hidden once the chart is drawn) and
    /// a script that loads plotly.js once per page: through require.js where the notebook has it (classic Jupyter,
    /// where plotly's bundle registers as an AMD module), else with a script tag.
    /// </summary>
    public static string Combine(GenericChart chart, string fallbackSvg)
    {
        string json = ToJson(chart).Replace("</", "<\\/", StringComparison.Ordinal);   // a label cannot end the script
        string id = "nn-plot-" + Guid.NewGuid().ToString("N")[..12];
        string cdn = $"https://cdn.plot.ly/plotly-{PlotlyJsVersion}.min";
        return
            $"<div class=\"nn-chart\" style=\"display:inline-block;vertical-align:top;margin:2px\">" +
            $"<div id=\"{id}\"></div>" +
            $"<div id=\"{id}-static\">{fallbackSvg}</div>" +
            "<script type=\"text/javascript\">(function () {\n" +
            $"  var fig = {json};\n" +
            $"  var target = document.getElementById('{id}'), fallback = document.getElementById('{id}-static');\n" +
            "  function draw(Plotly) {\n" +
            "    Plotly.newPlot(target, fig.data, fig.layout, { responsive: true, displaylogo: false })\n" +
            "      .then(function () { if (fallback) { fallback.style.display = 'none'; } });\n" +
            "  }\n" +
            "  if (window.Plotly) { draw(window.Plotly); return; }\n" +
            "  if (!window.nnPlotlyLoading) {\n" +
            "    window.nnPlotlyLoading = new Promise(function (resolve, reject) {\n" +
            "      if (typeof window.requirejs === 'function') {\n" +
            $"        window.requirejs.config({{ paths: {{ nnplotly: '{cdn}' }} }});\n" +
            "        window.requirejs(['nnplotly'], function (P) { window.Plotly = P; resolve(P); }, reject);\n" +
            "      } else {\n" +
            "        var s = document.createElement('script');\n" +
            $"        s.src = '{cdn}.js';\n" +
            "        s.onload = function () { resolve(window.Plotly); };\n" +
            "        s.onerror = reject;\n" +
            "        document.head.appendChild(s);\n" +
            "      }\n" +
            "    });\n" +
            "  }\n" +
            "  window.nnPlotlyLoading.then(draw, function () { window.nnPlotlyLoading = null; });\n" +
            "})();</script></div>";
    }
}
