// The memory test measures the process; other tests running beside it would blur the measurement.
[assembly: Xunit.CollectionBehavior(DisableTestParallelization = true)]
