// Torch's random generator and thread count are process-wide: fits that run in parallel would draw from each other's
// seeded streams. Run test classes one at a time.
[assembly: CollectionBehavior(DisableTestParallelization = true)]
