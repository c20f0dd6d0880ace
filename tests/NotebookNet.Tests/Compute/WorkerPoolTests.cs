using NotebookNet.Compute;

namespace NotebookNet.Tests.Compute;

/// <summary>Tests that need the kernels' process-wide state (the worker pool, <see cref="ComputeSettings"/>) to themselves.</summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class ComputeGlobalsCollection
{
    public const string Name = "Kernel globals";
}

// Not run alongside other tests, so the pool is free and these parts really land on worker threads.
[Collection(ComputeGlobalsCollection.Name)]
public sealed class WorkerPoolTests
{
    private sealed class Recorder(int parts) : IPartitionedJob
    {
        public readonly int[] Runs = new int[parts];
        public readonly int[] Threads = new int[parts];
        public int? FailingPart;

        public void Execute(int part, int count)
        {
            Assert.Equal(Runs.Length, count);
            Interlocked.Increment(ref Runs[part]);
            Threads[part] = Environment.CurrentManagedThreadId;
            if (part == FailingPart) throw new InvalidOperationException($"part {part} failed");
        }
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(5)]
    public void Every_part_runs_exactly_once(int parts)
    {
        var job = new Recorder(parts);
        WorkerPool.Run(job, parts);
        Assert.All(job.Runs, r => Assert.Equal(1, r));
    }

    [Fact]
    public void Part_zero_runs_on_the_caller_and_the_others_on_distinct_workers()
    {
        var job = new Recorder(3);
        WorkerPool.Run(job, 3);
        Assert.Equal(Environment.CurrentManagedThreadId, job.Threads[0]);
        Assert.Equal(3, job.Threads.Distinct().Count());
    }

    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    public void A_failing_part_is_rethrown_to_the_caller_after_all_parts_finish(int failingPart)
    {
        var job = new Recorder(2) { FailingPart = failingPart };
        var ex = Assert.Throws<InvalidOperationException>(() => WorkerPool.Run(job, 2));
        Assert.Equal($"part {failingPart} failed", ex.Message);
        Assert.All(job.Runs, r => Assert.Equal(1, r));
        // The pool is usable again afterwards.
        var next = new Recorder(2);
        WorkerPool.Run(next, 2);
        Assert.All(next.Runs, r => Assert.Equal(1, r));
    }

    [Fact]
    public void A_job_started_from_inside_a_job_runs_its_parts_inline_instead_of_deadlocking()
    {
        var inner = new Recorder(2);
        var outer = new Nested(inner);
        WorkerPool.Run(outer, 2);
        Assert.All(inner.Runs, r => Assert.Equal(2, r));
    }

    private sealed class Nested(Recorder inner) : IPartitionedJob
    {
        public void Execute(int part, int parts)
        {
            lock (inner) WorkerPool.Run(inner, 2);
        }
    }
}
