// The concurrency and memory tests measure the process; run the classes one at a time.
[assembly: Xunit.CollectionBehavior(DisableTestParallelization = true)]
