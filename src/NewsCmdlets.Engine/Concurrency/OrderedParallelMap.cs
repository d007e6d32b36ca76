using System.Diagnostics;
using System.Globalization;

namespace NewsCmdlets.Engine.Concurrency;

/// <summary>
/// Runs one piece of work per item on up to <see cref="Threads"/> threads and hands the results back in the order the
/// items were added, on the thread that adds them (a PowerShell cmdlet's pipeline thread): the one thread that may
/// write output, errors and progress. What every cmdlet that works on several cores shares (Import-NewsArticle's
/// parsing, Get-NewsEntity, Get-NewsQuote, Compare-NewsCoverage's stories).
/// </summary>
/// <remarks>
/// <list type="bullet">
/// <item>Order: results are written strictly in the order of <see cref="Add"/> and <see cref="AddDone"/>; a slow item
/// holds back the ones after it (they wait, finished, in memory) but never the work on them.</item>
/// <item>Bounded: at most <see cref="Window"/> items are in flight (added and not yet written). <see cref="Add"/> waits
/// for the oldest, writing it, when the window is full, so memory follows the items in flight, not the input: a stream
/// of any length runs in the memory of <see cref="Window"/> items and their results.</item>
/// <item>Hand-off: the adding thread sleeps while the window is full and wakes once for half of it (see
/// <see cref="CurrentWindow"/>). Each wake costs a few microseconds on two threads (the wake itself, a worker pushed
/// off its core, cold caches), which is a tenth of an item of 50 µs (a short article's quotes) when it comes every
/// four items. Unless a window is given, the window therefore follows the items' measured duration: 4 items a thread
/// for items of half a millisecond or more (what most analyses take), up to 32 a thread for items so short that
/// half a window is still under a millisecond of work, so the adding thread wakes about once a millisecond.</item>
/// <item>Errors: an exception thrown by the work for an item is handed to the writer with that item, in its place in
/// the order; the other items go on.</item>
/// <item>Cancellation: when the token given (Ctrl+C) is cancelled or the map is disposed, waits end at once, nothing
/// more is written, no new item is started, and the work running sees the token it was given. Workers are background
/// threads that end after the item they are on; nothing waits for them.</item>
/// <item>State: each worker thread gets its own work function from the factory (so each can own an extractor with its
/// buffers: the tagger, quote extractor and comparer are one instance per thread), while the models behind them are
/// shared read-only. With one thread the work runs inline on the adding thread, exactly as a plain loop would.</item>
/// </list>
/// Not thread-safe itself: <see cref="Add"/>, <see cref="AddDone"/>, <see cref="Flush"/> and <see cref="Dispose"/> are
/// called from one thread.
/// </remarks>
public sealed class OrderedParallelMap<TIn, TOut> : IDisposable
{
    /// <summary>The stack of each worker thread: as large as PowerShell gives its pipeline threads (10 MB), so work that
    /// runs deep on the pipeline thread runs as deep here.</summary>
    public const int WorkerStackSize = 10_000_000;

    private sealed class Slot(TIn input)
    {
        public readonly TIn Input = input;
        public TOut? Result;
        public Exception? Error;
        public long Ticks;        // how long the work took (Stopwatch ticks); 0 for a result known already
        public volatile bool Done;
    }

    /// <summary>Items in flight a thread, when the items take this long or longer (and never fewer).</summary>
    public const int MinWindowPerThread = 4;

    /// <summary>Items in flight a thread at most, for the shortest items, when no window is given.</summary>
    public const int MaxWindowPerThread = 32;

    /// <summary>How much work (per thread) half the window should hold when items are short: the adding thread's wake rate.</summary>
    private static readonly long WakeEveryTicks = Stopwatch.Frequency / 1000; // 1 ms

    private readonly Func<Func<TIn, CancellationToken, TOut>> _newWorker;
    private readonly Action<TIn, TOut?, Exception?> _write;
    private readonly CancellationTokenSource _cancel;
    private readonly CancellationTokenRegistration _wakeOnCancel;
    private readonly Queue<Slot> _order = new();            // added, not yet written: the adding thread only
    private readonly Queue<Slot> _todo = new();             // added, not yet taken by a worker: under _todo
    private readonly object _doneGate = new();              // the adding thread waits here for the oldest item
    private readonly CultureInfo _culture = CultureInfo.CurrentCulture, _uiCulture = CultureInfo.CurrentUICulture;
    private Func<TIn, CancellationToken, TOut>? _inline;
    private Slot? _awaited;                                 // the item the adding thread sleeps on: only its end wakes it
    private int _workers, _busy, _idle, _workerWakes, _maxInFlight; // _idle, _workerWakes: under _todo; _busy: Interlocked
    private readonly bool _adaptive;
    private int _window;                                    // the window now (adaptive: between the minimum and Window)
    private double _itemTicks = -1;                         // running mean of an item's duration (each clipped at 1 ms); -1: none yet
    private bool _disposed;

    /// <param name="threads">How many items are worked on at the same time (at least 1; 1 runs the work inline).</param>
    /// <param name="newWorker">Makes one worker's work function, on the worker's own thread; called once per worker.</param>
    /// <param name="write">Gets each item's result (or its exception) in input order, on the adding thread.</param>
    /// <param name="cancel">Stops everything (Ctrl+C).</param>
    /// <param name="window">Most items in flight, fixed; at least <paramref name="threads"/>. Default: from 4 a thread
    /// up to 32 a thread as the items prove short (<see cref="CurrentWindow"/>).</param>
    public OrderedParallelMap(int threads, Func<Func<TIn, CancellationToken, TOut>> newWorker, Action<TIn, TOut?, Exception?> write,
        CancellationToken cancel = default, int window = 0)
    {
        ArgumentNullException.ThrowIfNull(newWorker);
        ArgumentNullException.ThrowIfNull(write);
        Threads = Math.Max(1, threads);
        _adaptive = window <= 0;
        Window = window > 0 ? Math.Max(window, Threads) : Threads * MaxWindowPerThread;
        _window = window > 0 ? Window : Threads * MinWindowPerThread;
        _newWorker = newWorker;
        _write = write;
        _cancel = CancellationTokenSource.CreateLinkedTokenSource(cancel);
        _wakeOnCancel = _cancel.Token.Register(() =>
        {
            lock (_doneGate) Monitor.PulseAll(_doneGate);
            lock (_todo) Monitor.PulseAll(_todo);
        });
    }

    /// <summary>How many items are worked on at the same time.</summary>
    public int Threads { get; }

    /// <summary>The most items in flight (added and not yet written): the window given, else 32 a thread.</summary>
    public int Window { get; }

    /// <summary>
    /// The window now: the window given, else between 4 items a thread and <see cref="Window"/>, so that half of it holds
    /// about a millisecond of each thread's work (by the running mean of the items' durations so far, each counted as
    /// at most a millisecond, so that an item held up by other work on the machine does not shrink it for long).
    /// </summary>
    public int CurrentWindow => _window;

    /// <summary>Items added and not yet written.</summary>
    public int InFlight => _order.Count;

    /// <summary>The most items that were in flight at once so far (never more than <see cref="Window"/>).</summary>
    public int MaxInFlight => _maxInFlight;

    /// <summary>Worker threads started so far (0 with one thread: the work runs inline).</summary>
    public int WorkersStarted { get { lock (_todo) return _workers; } }

    /// <summary>How many times <see cref="Add"/> woke a worker asleep for want of work (a worker busy takes the next item
    /// without being woken).</summary>
    internal int WorkerWakes { get { lock (_todo) return _workerWakes; } }

    /// <summary>Workers asleep for want of work now.</summary>
    internal int IdleWorkers { get { lock (_todo) return _idle; } }

    /// <summary>True once the token given was cancelled or the map disposed: nothing more is written.</summary>
    public bool IsStopped => _cancel.IsCancellationRequested;

    /// <summary>
    /// Called on the adding thread about four times a second while it waits for the oldest item (e.g. to move a
    /// progress bar). It may write; an exception it throws ends the wait and goes to the caller.
    /// </summary>
    public Action? Waiting { get; set; }

    /// <summary>
    /// Adds an item to work on, first writing every finished item at the head of the order (and, while the window is
    /// full, waiting for the oldest). With one thread the item is worked on and written before this returns. False when
    /// stopped: the item was not taken.
    /// </summary>
    public bool Add(TIn input)
    {
        if (IsStopped) return false;
        if (Threads == 1 && _order.Count == 0)
        {
            var work = _inline ??= _newWorker();
            TOut? result = default;
            Exception? error = null;
            try
            {
                result = work(input, _cancel.Token);
            }
            catch (Exception ex)
            {
                error = ex;
            }
            if (IsStopped) return false;
            _maxInFlight = Math.Max(_maxInFlight, 1);
            _write(input, result, error);
            return true;
        }
        if (!MakeRoom()) return false;
        var slot = new Slot(input);
        Enqueue(slot);
        lock (_todo)
        {
            _todo.Enqueue(slot);
            // Only a worker that sleeps for want of work needs waking; the others take the item when they are done.
            if (_idle > 0)
            {
                Monitor.Pulse(_todo);
                _workerWakes++;
            }
            // One more worker when every one started is busy or has work waiting, up to Threads.
            if (_workers < Threads && _todo.Count > _workers - Volatile.Read(ref _busy)) StartWorker();
        }
        WriteFinished();
        return true;
    }

    /// <summary>
    /// Adds an item whose result is known already (a cache hit): it is written in its place in the order, after the
    /// items added before it. False when stopped.
    /// </summary>
    public bool AddDone(TIn input, TOut result)
    {
        if (IsStopped) return false;
        if (_order.Count == 0)
        {
            _maxInFlight = Math.Max(_maxInFlight, 1);
            _write(input, result, null);
            return true;
        }
        if (!MakeRoom()) return false;
        var slot = new Slot(input) { Result = result };
        slot.Done = true;
        Enqueue(slot);
        WriteFinished();
        return true;
    }

    /// <summary>Waits for every item added and writes them in order. False when stopped (what was not written is dropped).</summary>
    public bool Flush()
    {
        while (_order.Count > 0)
        {
            if (!WaitForOldest()) return false;
            WriteFinished();
        }
        return !IsStopped;
    }

    /// <summary>Stops the work not written yet (nothing more is written) and lets the workers end.</summary>
    public void Dispose()
    {
        if (_disposed) return;
        _disposed = true;
        try { _cancel.Cancel(); } catch (AggregateException) { }
        _wakeOnCancel.Dispose();
        _order.Clear();
        lock (_todo) _todo.Clear();
        // The source is not disposed: workers still finishing an item read its token, and it holds no unmanaged state
        // once cancelled (no timer).
    }

    private void Enqueue(Slot slot)
    {
        _order.Enqueue(slot);
        if (_order.Count > _maxInFlight) _maxInFlight = _order.Count;
    }

    /// <summary>Writes the oldest items while they are finished.</summary>
    private void WriteFinished()
    {
        while (_order.Count > 0 && _order.Peek().Done && !IsStopped)
        {
            var slot = _order.Dequeue();
            if (_adaptive && slot.Ticks > 0) Adapt(slot.Ticks);
            _write(slot.Input, slot.Result, slot.Error);
        }
    }

    /// <summary>Takes an item's duration into the running mean and sets the window from it (adding thread only).</summary>
    private void Adapt(long ticks)
    {
        double t = Math.Min(ticks, WakeEveryTicks);
        _itemTicks = _itemTicks < 0 ? t : _itemTicks + (t - _itemTicks) / 16;
        // Half the window, shared by the threads, holds about WakeEveryTicks of each thread's work.
        double half = WakeEveryTicks * Threads / Math.Max(_itemTicks, 1);
        _window = (int)Math.Clamp(2 * half, Threads * MinWindowPerThread, Window);
    }

    /// <summary>While the window is full, waits for the oldest item and writes what is finished. False when stopped.</summary>
    private bool MakeRoom()
    {
        WriteFinished();
        while (_order.Count >= _window)
        {
            if (!WaitForOldest()) return false;
            WriteFinished();
        }
        return !IsStopped;
    }

    /// <summary>
    /// Waits until the oldest item is finished. While the window is full it sleeps on a later one, the middle of the
    /// window, so the adding thread wakes once for about half a window of small items instead of once for each (items
    /// finish roughly in order: by then those before it are mostly done too), and the workers still have the other
    /// half queued. Only the end of the item slept on wakes it.
    /// </summary>
    private bool WaitForOldest()
    {
        var head = _order.Peek();
        var target = head;
        if (_order.Count >= _window && _window >= 4)
        {
            int k = _window / 2 - 1, i = 0;
            foreach (var s in _order) { if (i++ == k) { target = s; break; } }
        }
        while (!target.Done || !head.Done)
        {
            if (IsStopped) return false;
            var wait = target.Done ? head : target;
            lock (_doneGate)
            {
                // Published before Done is read again: a worker that finishes `wait` after this sees it and pulses.
                Interlocked.Exchange(ref _awaited, wait);
                if (!wait.Done && !IsStopped) Monitor.Wait(_doneGate, 250);
                _awaited = null;
            }
            if (!head.Done && !wait.Done && !IsStopped) Waiting?.Invoke();
        }
        return !IsStopped;
    }

    private void StartWorker()
    {
        _workers++;
        var thread = new Thread(WorkerLoop, WorkerStackSize)
        {
            IsBackground = true,
            Name = "NewsCmdlets worker " + _workers.ToString(CultureInfo.InvariantCulture),
            CurrentCulture = _culture,
            CurrentUICulture = _uiCulture,
        };
        thread.Start();
    }

    private void WorkerLoop()
    {
        var token = _cancel.Token;
        Func<TIn, CancellationToken, TOut>? work = null;
        Exception? broken = null;
        try
        {
            work = _newWorker();
        }
        catch (Exception ex)
        {
            broken = ex; // each item this worker takes gets the reason, in its place
        }
        while (true)
        {
            Slot slot;
            lock (_todo)
            {
                while (_todo.Count == 0)
                {
                    if (token.IsCancellationRequested) return;
                    _idle++;
                    try { Monitor.Wait(_todo); }
                    finally { _idle--; }
                }
                if (token.IsCancellationRequested) return;
                slot = _todo.Dequeue();
                Interlocked.Increment(ref _busy);
            }
            long started = Stopwatch.GetTimestamp();
            try
            {
                if (broken != null) slot.Error = broken;
                else slot.Result = work!(slot.Input, token);
            }
            catch (Exception ex)
            {
                slot.Error = ex;
            }
            finally
            {
                // Not under _todo: one lock an item is the hand-off's whole cost to a worker (the adding thread reads
                // _busy only to decide whether to start another worker; a moment's staleness starts it one item later).
                Interlocked.Decrement(ref _busy);
            }
            slot.Ticks = Math.Max(1, Stopwatch.GetTimestamp() - started);
            slot.Done = true;
            Interlocked.MemoryBarrier(); // Done is visible before _awaited is read (the adding thread does the reverse)
            if (ReferenceEquals(Volatile.Read(ref _awaited), slot))
                lock (_doneGate) Monitor.Pulse(_doneGate);
        }
    }
}
