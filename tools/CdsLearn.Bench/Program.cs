using System.CommandLine;
using CdsLearn.Bench;

// The benchmarks and load drivers, kept out of the shipped `cdslearn`: how each figure in tools/BENCHMARKS.md was taken.
var root = new RootCommand("cdslearn-bench: đo hiệu năng CdsLearn (CdsLearn's benchmarks)");
root.Subcommands.Add(BrowserBench.Create(Console.Out));
root.Subcommands.Add(DashboardBench.Create(Console.Out));
foreach (var throughput in ThroughputBench.Create(Console.Out))
{
    root.Subcommands.Add(throughput);
}
return await root.Parse(args).InvokeAsync();
