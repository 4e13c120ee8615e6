// Fits no longer share torch's global generator, but many of these tests make their data with it (manual_seed, randn),
// and the memory and thread-count tests watch process-wide state: test classes run one at a time.
[assembly: CollectionBehavior(DisableTestParallelization = true)]
