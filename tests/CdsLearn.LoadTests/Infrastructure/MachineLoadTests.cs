using CdsLearn.Load;

namespace CdsLearn.LoadTests.Infrastructure;

/// <summary>Every benchmark names the processor it ran on: the same build's figures moved more between two processors
/// than with any change, so a figure without it cannot be compared.</summary>
public sealed class MachineLoadTests
{
    [Fact]
    public void TheFirstProcessorsModelAndClockAreNamed()
    {
        const string cpuinfo = "processor\t: 0\nvendor_id\t: GenuineIntel\nmodel name\t: Intel(R) Xeon(R) CPU @ 2.80GHz\n"
            + "cpu MHz\t\t: 2800.208\ncache size\t: 33792 KB\n\nprocessor\t: 1\nmodel name\t: Another\ncpu MHz\t\t: 1200.000\n";

        Assert.Equal("Intel(R) Xeon(R) CPU @ 2.80GHz, 2800 MHz", MachineLoad.Processor(cpuinfo));
    }

    [Theory]
    [InlineData("processor\t: 0\nmodel name\t: AMD EPYC\n", "AMD EPYC")]
    [InlineData("processor\t: 0\ncpu MHz\t\t: 2596.140\n", "2596 MHz")]
    [InlineData("processor\t: 0\nmodel name\t: \ncpu MHz\t\t: n/a\n", "?")]
    [InlineData("", "?")]
    public void WhatTheMachineLeavesOutIsLeftOut(string cpuinfo, string named) =>
        Assert.Equal(named, MachineLoad.Processor(cpuinfo));
}
