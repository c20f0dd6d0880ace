using System.Runtime.ExceptionServices;

namespace NotebookNet.Compute;

/// <summary>A piece of work split into <c>parts</c> fixed parts; part <c>p</c> must not depend on which thread runs it.</summary>
internal interface IPartitionedJob
{
    /// <summary>Runs part <paramref name="part"/> of <paramref name="parts"/>.</summary>
    void Execute(int part, int parts);
}

/// <summary>
/// Persistent worker threads for the kernels. <see cref="Run"/> runs part 0 on the caller and part p on worker p,
/// then waits for all of them. Why not <c>Parallel.For</c>: it allocates per call and hands out iterations
/// dynamically; here a call allocates nothing and the part → thread mapping is fixed.
/// <para>One job at a time: a call that finds the pool busy (another thread's kernel, or a kernel called from
/// inside a job) runs all parts itself, in order. Results are the same either way because every part's
/// arithmetic is fixed by the job, not by the thread.</para>
/// </summary>
internal static class WorkerPool
{
    private static readonly object GrowLock = new();
    private static readonly ManualResetEventSlim Done = new(false);
    private static Worker[] _workers = [];
    private static int _busy;
    private static int _pending;
    private static IPartitionedJob? _job;
    private static int _parts;
    private static Exception? _failure;

    /// <summary>Number of worker threads started so far (grows on demand, never shrinks).</summary>
    public static int WorkerCount => Volatile.Read(ref _workers).Length;

    /// <summary>Runs every part of <paramref name="job"/> and returns when all are done; rethrows the first failure.</summary>
    public static void Run(IPartitionedJob job, int parts)
    {
        ArgumentNullException.ThrowIfNull(job);
        if (parts < 1 || parts > ComputeSettings.MaxThreads)
            throw new ArgumentOutOfRangeException(nameof(parts), parts, $"WorkerPool.Run: parts must be between 1 and {ComputeSettings.MaxThreads}; received {parts}.");
        if (parts == 1)
        {
            job.Execute(0, 1);
            return;
        }
        if (Interlocked.CompareExchange(ref _busy, 1, 0) != 0)
        {
            for (int p = 0; p < parts; p++) job.Execute(p, parts);
            return;
        }
        try
        {
            RunOnWorkers(job, parts);
        }
        finally
        {
            Volatile.Write(ref _busy, 0);
        }
    }

    private static void RunOnWorkers(IPartitionedJob job, int parts)
    {
        var workers = EnsureWorkers(parts - 1);
        _job = job;
        _parts = parts;
        _failure = null;
        Volatile.Write(ref _pending, parts - 1);
        Done.Reset();
        for (int w = 0; w < parts - 1; w++) workers[w].Wake.Release();

        Exception? own = null;
        try { job.Execute(0, parts); }
        catch (Exception e) { own = e; }
        // Wait even after a failure: the workers may still use the caller's pinned buffers.
        Done.Wait();
        _job = null;
        var failure = own ?? _failure;
        if (failure is not null) ExceptionDispatchInfo.Throw(failure);
    }

    private static Worker[] EnsureWorkers(int count)
    {
        var workers = Volatile.Read(ref _workers);
        if (workers.Length >= count) return workers;
        lock (GrowLock)
        {
            workers = _workers;
            if (workers.Length >= count) return workers;
            var grown = new Worker[count];
            Array.Copy(workers, grown, workers.Length);
            for (int i = workers.Length; i < count; i++) grown[i] = new Worker(i + 1);
            Volatile.Write(ref _workers, grown);
            return grown;
        }
    }

    private static void WorkerLoop(Worker self)
    {
        while (true)
        {
            self.Wake.Wait();
            try { _job!.Execute(self.Part, _parts); }
            catch (Exception e) { Interlocked.CompareExchange(ref _failure, e, null); }
            if (Interlocked.Decrement(ref _pending) == 0) Done.Set();
        }
    }

    private sealed class Worker
    {
        public Worker(int part)
        {
            Part = part;
            var thread = new Thread(() => WorkerLoop(this))
            {
                IsBackground = true,
                Name = $"NotebookNet compute worker {part}",
            };
            thread.Start();
        }

        public int Part { get; }

        public SemaphoreSlim Wake { get; } = new(0);
    }
}
