// Several tests count live tensors (Tensor.TotalCount) or measure process memory: they need the process to themselves.
[assembly: CollectionBehavior(DisableTestParallelization = true)]
