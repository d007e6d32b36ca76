using System.Collections.Concurrent;
using System.Diagnostics;
using NewsCmdlets.Engine.Concurrency;

namespace NewsCmdlets.Engine.Tests.Concurrency;

public sealed class OrderedParallelMapTests
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(30);

    [Fact]
    public void Results_come_in_input_order_when_the_first_item_is_the_slowest()
    {
        // Item 0 finishes only after every other item has finished on the other threads.
        var othersDone = new CountdownEvent(9);
        var finished = new ConcurrentQueue<int>();
        var written = new List<int>();
        using var map = new OrderedParallelMap<int, int>(4, () => (i, _) =>
        {
            // Each other item is recorded before it signals, so item 0, released by the last signal, is recorded last.
            if (i == 0) Assert.True(othersDone.Wait(Patience), "the other items did not run while the first was busy");
            else { finished.Enqueue(i); othersDone.Signal(); return i * 10; }
            finished.Enqueue(i);
            return i * 10;
        }, (i, r, e) => { Assert.Null(e); Assert.Equal(i * 10, r); written.Add(i); });
        for (int i = 0; i < 10; i++) Assert.True(map.Add(i));
        Assert.True(map.Flush());
        Assert.Equal(0, finished.Last()); // the work really finished out of order ...
        Assert.Equal(Enumerable.Range(0, 10), written); // ... and was written in order
        Assert.InRange(map.WorkersStarted, 2, 4);
    }

    [Fact]
    public void With_a_full_window_the_adding_thread_sleeps_until_half_the_window_is_done_not_just_the_oldest()
    {
        // Small items: waking the adding thread for every finished item costs more than the item. With a window of 8
        // full, the next Add must not return when only the oldest item is done, but once the first half (0–3) is.
        var gates = Enumerable.Range(0, 9).Select(_ => new ManualResetEventSlim()).ToArray();
        var written = new ConcurrentQueue<int>();
        using var map = new OrderedParallelMap<int, int>(2, () => (i, _) =>
        {
            Assert.True(gates[i].Wait(Patience));
            return i;
        }, (i, _, e) => { Assert.Null(e); written.Enqueue(i); }, window: 8);
        // A thread of its own, not the thread pool: under a loaded test run a pool task can start late, and item 0
        // released before the ninth Add has begun would be written by it without any wait (the test then proves
        // nothing, and failed that way once). The gate opens only once the ninth Add is asleep.
        int adds = 0;
        Exception? addFailed = null;
        var addingThread = new Thread(() =>
        {
            try
            {
                for (int i = 0; i < 9; i++)
                {
                    Volatile.Write(ref adds, i + 1);
                    Assert.True(map.Add(i));
                }
            }
            catch (Exception ex) { addFailed = ex; }
        }) { IsBackground = true };
        addingThread.Start();
        var adding = Task.Run(() => { addingThread.Join(); Assert.Null(addFailed); });
        var deadline = Stopwatch.StartNew();
        while (deadline.Elapsed < Patience
               && !(Volatile.Read(ref adds) == 9 && (addingThread.ThreadState & System.Threading.ThreadState.WaitSleepJoin) != 0))
            Thread.Sleep(5);
        Thread.Sleep(200);
        Assert.Equal(9, Volatile.Read(ref adds));
        Assert.False(adding.IsCompleted); // the ninth Add waits: the window is full
        gates[0].Set();
        Thread.Sleep(400);
        Assert.False(adding.IsCompleted, "the adding thread went on after the oldest item alone");
        Assert.Empty(written);
        for (int i = 1; i < 4; i++) gates[i].Set();
        Assert.True(adding.Wait(Patience));
        Assert.Equal(0, written.First()); // 1–3 may still be finishing on the other worker
        foreach (var g in gates) g.Set();
        Task.Run(() => Assert.True(map.Flush())).Wait(Patience);
        Assert.Equal(Enumerable.Range(0, 9), written);
    }

    [Fact]
    public void Items_added_while_every_worker_is_busy_wake_no_worker_and_an_idle_worker_is_woken()
    {
        // The adding thread's hand-off is serial work: it wakes a worker only when one sleeps for want of work.
        var started = new CountdownEvent(2);
        var release = new ManualResetEventSlim();
        using var map = new OrderedParallelMap<int, int>(2, () => (i, _) =>
        {
            if (i < 2)
            {
                started.Signal();
                Assert.True(release.Wait(Patience));
            }
            return i;
        }, (i, r, e) => Assert.Null(e), window: 16);
        Assert.True(map.Add(0));
        Assert.True(map.Add(1));
        Assert.True(started.Wait(Patience), "both workers did not start");
        int before = map.WorkerWakes;
        for (int i = 2; i < 8; i++) Assert.True(map.Add(i)); // both workers are on items 0 and 1
        Assert.Equal(before, map.WorkerWakes);
        release.Set();
        Assert.True(map.Flush());
        // Both workers now sleep on an empty queue: the next item must wake one, or it would never be done.
        var deadline = Stopwatch.StartNew();
        while (deadline.Elapsed < Patience && map.IdleWorkers < 2) Thread.Sleep(10);
        Assert.True(map.Add(8));
        Assert.True(Task.Run(map.Flush).Wait(Patience));
        Assert.True(map.WorkerWakes > before);
    }

    [Fact]
    public void An_items_exception_is_written_in_its_place_and_the_others_go_on()
    {
        var written = new List<string>();
        using var map = new OrderedParallelMap<int, string>(3, () => (i, _) =>
        {
            if (i % 3 == 1) throw new InvalidDataException("bad item " + i);
            Thread.Sleep(i % 2 == 0 ? 5 : 0);
            return "ok " + i;
        }, (i, r, e) => written.Add(e != null ? $"{i}: {e.GetType().Name} {e.Message}" : $"{i}: {r}"));
        for (int i = 0; i < 9; i++) map.Add(i);
        Assert.True(map.Flush());
        Assert.Equal(new[]
        {
            "0: ok 0", "1: InvalidDataException bad item 1", "2: ok 2", "3: ok 3", "4: InvalidDataException bad item 4", "5: ok 5",
            "6: ok 6", "7: InvalidDataException bad item 7", "8: ok 8",
        }, written);
    }

    [Fact]
    public void Items_in_flight_never_exceed_the_window_however_long_the_input()
    {
        // The first item blocks until the adding thread has had to wait for it: with a window of 6, the adding thread
        // must stop at 6 items in flight, and no more than 6 items may have been started by then.
        var release = new ManualResetEventSlim();
        int started = 0, written = 0, mostAhead = 0;
        var order = new List<int>();
        using var map = new OrderedParallelMap<int, int>(2, () => (i, _) =>
        {
            int ahead = Interlocked.Increment(ref started) - Volatile.Read(ref written);
            InterlockedMax(ref mostAhead, ahead);
            if (i == 0) Assert.True(release.Wait(Patience));
            return i;
        }, (i, _, e) => { Assert.Null(e); order.Add(i); Interlocked.Increment(ref written); }, window: 6);
        int waits = 0;
        map.Waiting = () =>
        {
            waits++;
            Assert.True(map.InFlight <= 6, $"{map.InFlight} in flight");
            release.Set();
        };
        for (int i = 0; i < 1000; i++) Assert.True(map.Add(i));
        Assert.True(map.Flush());
        Assert.True(waits > 0, "the adding thread never had to wait");
        Assert.Equal(6, map.MaxInFlight);
        Assert.InRange(mostAhead, 1, 6);
        Assert.Equal(Enumerable.Range(0, 1000), order);
    }

    [Fact]
    public void Short_items_widen_the_window_so_the_adding_thread_wakes_less_often_and_it_stays_bounded()
    {
        // Items of about 20 µs: waking the adding thread every four of them costs a tenth of the work. With no window
        // given, the window grows from 4 a thread towards 32 a thread, and never past it.
        var written = new List<int>();
        int mostInFlight = 0;
        using var map = new OrderedParallelMap<int, int>(2, () => (i, _) =>
        {
            var clock = Stopwatch.StartNew();
            while (clock.Elapsed.TotalMilliseconds < 0.02) { }
            return i;
        }, (i, _, e) => { Assert.Null(e); written.Add(i); });
        Assert.Equal(8, map.CurrentWindow); // before anything is known: 4 a thread
        Assert.Equal(64, map.Window);
        for (int i = 0; i < 3000; i++)
        {
            Assert.True(map.Add(i));
            mostInFlight = Math.Max(mostInFlight, map.InFlight);
        }
        Assert.True(map.Flush());
        Assert.Equal(Enumerable.Range(0, 3000), written);
        Assert.True(map.CurrentWindow > 8, $"the window stayed at {map.CurrentWindow}");
        Assert.True(map.MaxInFlight > 8, $"at most {map.MaxInFlight} items were in flight");
        Assert.InRange(mostInFlight, 1, 64);
        Assert.InRange(map.MaxInFlight, 1, 64);

        // A window given is kept, however short the items.
        using var fixedMap = new OrderedParallelMap<int, int>(2, () => (i, _) => i, (_, _, _) => { }, window: 6);
        for (int i = 0; i < 2000; i++) Assert.True(fixedMap.Add(i));
        Assert.True(fixedMap.Flush());
        Assert.Equal(6, fixedMap.CurrentWindow);
        Assert.InRange(fixedMap.MaxInFlight, 1, 6);
    }

    [Fact]
    public void Long_items_keep_the_window_at_four_a_thread()
    {
        // Items of 2 ms or more: the adding thread wakes rarely anyway, and a larger window would only hold more
        // items (and their memory) behind a slow one.
        var written = new List<int>();
        using var map = new OrderedParallelMap<int, int>(2, () => (i, _) => { Thread.Sleep(2); return i; },
            (i, _, e) => { Assert.Null(e); written.Add(i); });
        Assert.Equal(64, map.Window); // what short items could widen it to
        for (int i = 0; i < 60; i++) Assert.True(map.Add(i));
        Assert.True(map.Flush());
        Assert.Equal(Enumerable.Range(0, 60), written);
        Assert.Equal(8, map.CurrentWindow);
        Assert.InRange(map.MaxInFlight, 1, 8);
    }

    [Fact]
    public void Stop_ends_the_wait_at_once_starts_nothing_more_and_cancels_the_work_running()
    {
        using var stop = new CancellationTokenSource();
        var running = new CountdownEvent(2);
        var stuck = new ManualResetEventSlim(); // never set: the work below ignores the token until the end of the test
        int started = 0, sawCancel = 0, written = 0;
        var map = new OrderedParallelMap<int, int>(2, () => (i, token) =>
        {
            Interlocked.Increment(ref started);
            if (i == 0)
            {
                running.Signal();
                stuck.Wait(Patience); // a piece of work that does not look at the token
                return 0;
            }
            running.Signal();
            if (token.WaitHandle.WaitOne(Patience)) Interlocked.Increment(ref sawCancel);
            return i;
        }, (_, _, _) => Interlocked.Increment(ref written), stop.Token, window: 4);
        try
        {
            for (int i = 0; i < 4; i++) Assert.True(map.Add(i));
            Assert.True(running.Wait(Patience));
            bool? flushed = null;
            var flushing = new Thread(() => flushed = map.Flush());
            flushing.Start();
            Thread.Sleep(100);
            Assert.True(flushing.IsAlive);
            var clock = Stopwatch.StartNew();
            stop.Cancel(); // Ctrl+C
            Assert.True(flushing.Join(TimeSpan.FromSeconds(5)), "Flush did not return after the stop");
            Assert.False(flushed);
            Assert.True(clock.Elapsed < TimeSpan.FromSeconds(5), $"stopping took {clock.Elapsed}");
            var deadline = Stopwatch.StartNew();
            while (Volatile.Read(ref sawCancel) == 0 && deadline.Elapsed < Patience) Thread.Sleep(10);
            Assert.Equal(1, Volatile.Read(ref sawCancel)); // the other running item saw its token cancelled
            Thread.Sleep(200);
            Assert.Equal(2, Volatile.Read(ref started)); // items 2 and 3 were never started
            Assert.Equal(0, Volatile.Read(ref written));
            Assert.False(map.Add(99));
            Assert.True(map.IsStopped);
        }
        finally
        {
            map.Dispose();
            stuck.Set();
        }
    }

    [Fact]
    public void Disposing_stops_the_workers_and_nothing_more_is_written()
    {
        var written = new List<int>();
        var gate = new ManualResetEventSlim();
        var map = new OrderedParallelMap<int, int>(2, () => (i, token) => { gate.Wait(token); return i; }, (i, _, _) => written.Add(i));
        map.Add(1);
        map.Add(2);
        map.Dispose(); // the pipeline ended (an error with -ErrorAction Stop, a failure downstream)
        gate.Set();
        Assert.False(map.Flush());
        Assert.Empty(written);
    }

    [Fact]
    public void With_one_thread_the_work_runs_inline_and_is_written_before_Add_returns()
    {
        int caller = Environment.CurrentManagedThreadId;
        var threads = new List<int>();
        var written = new List<int>();
        using var map = new OrderedParallelMap<int, int>(1, () => (i, _) => { threads.Add(Environment.CurrentManagedThreadId); return i; }, (i, _, _) => written.Add(i));
        for (int i = 0; i < 5; i++)
        {
            Assert.True(map.Add(i));
            Assert.Equal(i + 1, written.Count);
        }
        Assert.All(threads, t => Assert.Equal(caller, t));
        Assert.Equal(0, map.WorkersStarted);
    }

    [Fact]
    public void Each_worker_has_its_own_state_used_by_its_thread_only()
    {
        var states = new ConcurrentBag<State>();
        var written = new List<int>();
        using var map = new OrderedParallelMap<int, int>(3, () =>
        {
            var state = new State();
            states.Add(state);
            return (i, _) =>
            {
                state.Threads.Add(Environment.CurrentManagedThreadId);
                Thread.Sleep(1);
                return i;
            };
        }, (i, _, _) => written.Add(i));
        for (int i = 0; i < 60; i++) map.Add(i);
        Assert.True(map.Flush());
        Assert.Equal(Enumerable.Range(0, 60), written);
        Assert.Equal(map.WorkersStarted, states.Count);
        Assert.All(states, s => Assert.Single(s.Threads.Distinct()));
        Assert.DoesNotContain(Environment.CurrentManagedThreadId, states.SelectMany(s => s.Threads));
    }

    [Fact]
    public void Results_and_errors_are_written_on_the_adding_thread_only()
    {
        int caller = Environment.CurrentManagedThreadId;
        var workThreads = new ConcurrentBag<int>();
        var writeThreads = new List<int>();
        int errors = 0;
        using var map = new OrderedParallelMap<int, int>(3, () => (i, _) =>
        {
            workThreads.Add(Environment.CurrentManagedThreadId);
            Thread.Sleep(i % 4);
            if (i % 5 == 0) throw new InvalidDataException("bad item " + i);
            return i;
        }, (i, _, e) => { writeThreads.Add(Environment.CurrentManagedThreadId); if (e != null) errors++; });
        for (int i = 0; i < 40; i++) map.Add(i);
        Assert.True(map.Flush());
        Assert.Equal(40, writeThreads.Count);
        Assert.Equal(8, errors);
        Assert.All(writeThreads, t => Assert.Equal(caller, t));
        Assert.DoesNotContain(caller, workThreads); // the work itself ran elsewhere
    }

    [Fact]
    public void A_result_known_already_is_written_in_its_place()
    {
        var gate = new ManualResetEventSlim();
        var written = new List<string>();
        using var map = new OrderedParallelMap<int, string>(2, () => (i, _) => { if (i == 0) gate.Wait(Patience); return "worked " + i; },
            (i, r, _) => written.Add(r!));
        map.Add(0);
        map.AddDone(1, "cached 1");
        map.Add(2);
        Assert.Empty(written); // the cached result waits for the slow item before it
        gate.Set();
        Assert.True(map.Flush());
        Assert.Equal(new[] { "worked 0", "cached 1", "worked 2" }, written);
    }

    [Fact]
    public void A_worker_whose_state_cannot_be_made_fails_its_items_in_their_place()
    {
        var written = new List<string>();
        using var map = new OrderedParallelMap<int, int>(2, () => throw new InvalidDataException("no model"),
            (i, _, e) => written.Add($"{i}: {e?.Message}"));
        for (int i = 0; i < 3; i++) map.Add(i);
        Assert.True(map.Flush());
        Assert.Equal(new[] { "0: no model", "1: no model", "2: no model" }, written);
    }

    private sealed class State
    {
        public readonly List<int> Threads = new();
    }

    private static void InterlockedMax(ref int target, int value)
    {
        int seen;
        while (value > (seen = Volatile.Read(ref target)) && Interlocked.CompareExchange(ref target, value, seen) != seen) { }
    }
}
