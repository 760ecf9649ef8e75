using System.ComponentModel;
using System.Diagnostics;

namespace CdsLearn.Load;

/// <summary>Starts a program the benchmarks take from Debian's packages (wrk, nginx); when it is not installed, the
/// error says which package to install rather than "No such file or directory".</summary>
internal static class ExternalProgram
{
    public static Process Start(ProcessStartInfo start, string package)
    {
        try
        {
            return Process.Start(start) ?? throw new InvalidOperationException($"{start.FileName} did not start (apt-get install -y {package})");
        }
        catch (Win32Exception e)
        {
            throw new InvalidOperationException($"{start.FileName} did not start: {e.Message} (apt-get install -y {package})", e);
        }
    }
}
