// Each test puts hundreds of learners on the machine's cores: never two at once.
[assembly: CollectionBehavior(DisableTestParallelization = true)]
