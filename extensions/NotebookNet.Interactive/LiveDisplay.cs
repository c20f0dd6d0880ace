using Microsoft.DotNet.Interactive;
using Microsoft.AspNetCore.Html;
using Microsoft.DotNet.Interactive.Formatting;

namespace NotebookNet.Interactive;

/// <summary>
/// One output in the running cell that is replaced in place, at most four times a second, and the cell's
/// cancellation (the kernel's interrupt) for the code that feeds it.
/// </summary>
/// <remarks>
/// Uses <see cref="KernelInvocationContextExtensions.Display"/> and the returned handle's Update: in the pinned
/// kernel the handle returned by the script helper <c>display(x)</c> carries another id, so its updates are lost.
/// The saved notebook keeps the last state.
/// </remarks>
/// <example><code>
/// var live = LiveDisplay.Start("&lt;b&gt;starting&lt;/b&gt;");
/// for (int i = 0; i &lt; 1000 &amp;&amp; !live.Cancellation.IsCancellationRequested; i++)
///     live.TryUpdate(() =&gt; $"step {i}");
/// live.Update("done");
/// </code></example>
public sealed class LiveDisplay
{
    /// <summary>Default minimum time between two updates (≤ 4 updates per second).</summary>
    public static readonly TimeSpan DefaultMinInterval = TimeSpan.FromMilliseconds(250);

    private readonly DisplayedValue _displayed;
    private readonly UpdateThrottle _throttle;
    private readonly string _mimeType;

    private LiveDisplay(DisplayedValue displayed, string mimeType, UpdateThrottle throttle, CancellationToken cancellation)
    {
        _displayed = displayed;
        _mimeType = mimeType;
        _throttle = throttle;
        Cancellation = cancellation;
    }

    /// <summary>Cancelled when the kernel cancels the running cell; stop work at the next safe point.</summary>
    public CancellationToken Cancellation { get; }

    /// <summary>How many times the output was replaced.</summary>
    public int UpdateCount { get; private set; }

    /// <summary>Shows <paramref name="initial"/> in the running cell.</summary>
    /// <exception cref="InvalidOperationException">Outside a running notebook cell.</exception>
    public static LiveDisplay Start(string initial, string mimeType = "text/html", TimeSpan? minInterval = null, TimeProvider? time = null)
    {
        var context = KernelInvocationContext.Current
            ?? throw new InvalidOperationException("LiveDisplay.Start needs a running notebook cell (KernelInvocationContext.Current is null).");
        var displayed = KernelInvocationContextExtensions.Display(context, Wrap(initial, mimeType), mimeType);
        var throttle = new UpdateThrottle(minInterval ?? DefaultMinInterval, time);
        throttle.TryPass(); // the initial display counts as the first update
        return new LiveDisplay(displayed, mimeType, throttle, context.CancellationToken);
    }

    /// <summary>
    /// Replaces the output with <paramref name="render"/>() if the throttle allows; <paramref name="render"/>
    /// is not called otherwise, so building the output costs nothing between updates.
    /// </summary>
    public bool TryUpdate(Func<string> render)
    {
        ArgumentNullException.ThrowIfNull(render);
        if (!_throttle.TryPass()) return false;
        Replace(SafeFormatter.RenderOrExplain(render, _mimeType, r => r()));
        return true;
    }

    /// <summary>Replaces the output now, whatever the throttle says (use it for the final state).</summary>
    public void Update(string content)
    {
        _throttle.TryPass();
        Replace(content);
    }

    private void Replace(string content)
    {
        _displayed.Update(Wrap(content, _mimeType));
        UpdateCount++;
    }

    // A plain string shown as text/html would be HTML-encoded; HtmlString is written as is.
    private static object Wrap(string? content, string mimeType) =>
        mimeType == "text/html" ? new HtmlString(content ?? "") : content ?? "";
}
