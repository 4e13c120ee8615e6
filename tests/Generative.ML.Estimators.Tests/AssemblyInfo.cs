// Fits draw from generators of their own and serialize only where thread counts differ, so test classes run side by
// side (two at a time on two cores). Tests that need the process to themselves join the "Process-wide" collection.
[assembly: CollectionBehavior(CollectionBehavior.CollectionPerClass, MaxParallelThreads = 2)]
