namespace NotebookNet.Interactive.Tests;

/// <summary>A clock that moves only when told, so throttling is tested without real time.</summary>
public sealed class ManualClock : TimeProvider
{
    private long _ticks = 1_000_000;

    /// <inheritdoc/>
    public override long TimestampFrequency => TimeSpan.TicksPerSecond;

    /// <inheritdoc/>
    public override long GetTimestamp() => Interlocked.Read(ref _ticks);

    /// <summary>Moves the clock forward.</summary>
    public void Advance(TimeSpan by) => Interlocked.Add(ref _ticks, by.Ticks);
}
