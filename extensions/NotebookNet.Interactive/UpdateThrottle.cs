namespace NotebookNet.Interactive;

/// <summary>
/// Lets an update through at most once per <see cref="MinInterval"/>; the first request always passes.
/// </summary>
/// <remarks>
/// A training loop ends hundreds of batches per second; each notebook update is a message to the front end,
/// so unthrottled updates would slow training and flood the browser. Four updates a second look live.
/// </remarks>
public sealed class UpdateThrottle
{
    private readonly TimeProvider _time;
    private long? _lastTimestamp;

    /// <summary>Creates a throttle; <paramref name="time"/> defaults to the system clock.</summary>
    /// <exception cref="ArgumentOutOfRangeException">When <paramref name="minInterval"/> is negative.</exception>
    public UpdateThrottle(TimeSpan minInterval, TimeProvider? time = null)
    {
        if (minInterval < TimeSpan.Zero)
            throw new ArgumentOutOfRangeException(nameof(minInterval), minInterval, $"UpdateThrottle needs a minimum interval ≥ 0; received {minInterval}.");
        MinInterval = minInterval;
        _time = time ?? TimeProvider.System;
    }

    /// <summary>The shortest time between two updates that pass.</summary>
    public TimeSpan MinInterval { get; }

    /// <summary>True (and restarts the interval) when enough time has passed since the last update that passed.</summary>
    public bool TryPass()
    {
        long now = _time.GetTimestamp();
        if (_lastTimestamp is long last && _time.GetElapsedTime(last, now) < MinInterval) return false;
        _lastTimestamp = now;
        return true;
    }
}
