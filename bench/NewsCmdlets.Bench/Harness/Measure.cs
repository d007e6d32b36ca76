using System.Diagnostics;

namespace NewsCmdlets.Bench.Harness;

/// <summary>Timing and memory helpers for stages running in a child process.</summary>
public static class Measure
{
    /// <summary>
    /// Runs <paramref name="pass"/> (one full pass over the stage's input) at least <paramref name="minPasses"/> times and
    /// until <paramref name="minSeconds"/> have been spent or <paramref name="maxPasses"/> reached; fills Seconds with the
    /// median pass, plus allocation and GC counts over the timed passes.
    /// </summary>
    public static void Passes(StageMeasurement m, Action pass, int minPasses = 1, int maxPasses = 7, double minSeconds = 3)
    {
        var times = new List<double>();
        var cpu = new List<double>();
        using var self = Process.GetCurrentProcess();
        int g0 = GC.CollectionCount(0), g2 = GC.CollectionCount(2);
        long alloc = GC.GetAllocatedBytesForCurrentThread();
        var total = Stopwatch.StartNew();
        while (times.Count < minPasses || (times.Count < maxPasses && total.Elapsed.TotalSeconds < minSeconds))
        {
            self.Refresh();
            var c0 = self.TotalProcessorTime;
            long t0 = Stopwatch.GetTimestamp();
            pass();
            times.Add(Stopwatch.GetElapsedTime(t0).TotalSeconds);
            self.Refresh();
            cpu.Add((self.TotalProcessorTime - c0).TotalSeconds);
        }
        long allocated = GC.GetAllocatedBytesForCurrentThread() - alloc;
        m.Passes = times.Count;
        m.PassSeconds = times.Select(t => Math.Round(t, 4)).ToArray();
        m.Seconds = Median(times);
        m.CpuSeconds = Math.Round(Median(cpu), 4);
        m.BestSeconds = Math.Round(times.Min(), 4);
        m.BestCpuSeconds = Math.Round(cpu.Min(), 4);
        m.Gen0Collections = GC.CollectionCount(0) - g0;
        m.Gen2Collections = GC.CollectionCount(2) - g2;
        if (m.Items > 0) m.AllocatedBytesPerItem = Math.Round(allocated / (double)(m.Items * times.Count));
    }

    /// <summary>
    /// Runs <paramref name="work"/> over and over, untimed, until the code has settled: at least
    /// <paramref name="minSeconds"/>, then until two runs in a row are no faster than the best so far (by 3%), at most
    /// <paramref name="maxSeconds"/>. .NET's tiered JIT promotes hot methods to optimised code in the background, and
    /// on a loaded 2-core machine that background work can take many seconds.
    /// </summary>
    public static void WarmUp(Action work, double minSeconds, double maxSeconds = 15)
    {
        var sw = Stopwatch.StartNew();
        double best = double.MaxValue;
        int noGain = 0;
        do
        {
            long t0 = Stopwatch.GetTimestamp();
            work();
            double t = Stopwatch.GetElapsedTime(t0).TotalSeconds;
            if (t < best * 0.97) { best = t; noGain = 0; }
            else noGain++;
        }
        while (sw.Elapsed.TotalSeconds < maxSeconds && (sw.Elapsed.TotalSeconds < minSeconds || noGain < 2));
    }

    public static double Median(IReadOnlyList<double> xs)
    {
        if (xs.Count == 0) return 0;
        var s = xs.OrderBy(x => x).ToArray();
        return s.Length % 2 == 1 ? s[s.Length / 2] : (s[s.Length / 2 - 1] + s[s.Length / 2]) / 2;
    }

    /// <summary>Least-squares slope of log(time) against log(size): 1 is linear, 2 quadratic.</summary>
    public static double? ScalingExponent(IReadOnlyList<(double Size, double Seconds)> points)
    {
        var p = points.Where(x => x.Size > 0 && x.Seconds > 0).ToArray();
        if (p.Length < 2) return null;
        double mx = p.Average(x => Math.Log(x.Size)), my = p.Average(x => Math.Log(x.Seconds));
        double sxy = p.Sum(x => (Math.Log(x.Size) - mx) * (Math.Log(x.Seconds) - my));
        double sxx = p.Sum(x => (Math.Log(x.Size) - mx) * (Math.Log(x.Size) - mx));
        return sxx > 0 ? sxy / sxx : null;
    }

    /// <summary>Samples the managed heap size in the background; the working-set peak comes from the OS at the end.</summary>
    public sealed class HeapSampler : IDisposable
    {
        private readonly Timer _timer;
        private long _peak;

        public HeapSampler() => _timer = new Timer(_ => Sample(), null, 0, 50);

        private void Sample()
        {
            long now = GC.GetTotalMemory(false);
            long seen;
            while (now > (seen = Interlocked.Read(ref _peak)) && Interlocked.CompareExchange(ref _peak, now, seen) != seen) { }
        }

        public double PeakMB { get { Sample(); return Interlocked.Read(ref _peak) / 1048576.0; } }

        public void Dispose() => _timer.Dispose();
    }

    /// <summary>Runs a program, returns its exit code and output (stdout, stderr).</summary>
    public static (int Exit, string Out, string Err) Run(string file, IEnumerable<string> args, string? workDir = null, int timeoutSeconds = 1800,
        IReadOnlyDictionary<string, string>? environment = null)
    {
        var psi = new ProcessStartInfo(file) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        if (environment != null) foreach (var (k, v) in environment) psi.Environment[k] = v;
        foreach (var a in args) psi.ArgumentList.Add(a);
        if (workDir != null) psi.WorkingDirectory = workDir;
        using var p = Process.Start(psi)!;
        var stdout = p.StandardOutput.ReadToEndAsync();
        var stderr = p.StandardError.ReadToEndAsync();
        if (!p.WaitForExit(timeoutSeconds * 1000))
        {
            p.Kill(entireProcessTree: true);
            return (-1, stdout.Result, stderr.Result + $"\n(killed after {timeoutSeconds} s)");
        }
        p.WaitForExit();
        return (p.ExitCode, stdout.Result, stderr.Result);
    }

    /// <summary>The machine's 1-minute load average (Linux), or "unknown".</summary>
    public static string LoadAverage()
    {
        try
        {
            return File.Exists("/proc/loadavg") ? File.ReadAllText("/proc/loadavg").Split(' ')[0] : "unknown";
        }
        catch (IOException)
        {
            return "unknown";
        }
    }
}
