// Torch's random generator and thread count are process-wide: tests that train in parallel would draw from each
// other's seeded streams, and the bit-identical checks would see it. Run test classes one at a time.
[assembly: CollectionBehavior(DisableTestParallelization = true)]
