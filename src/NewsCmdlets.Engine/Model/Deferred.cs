namespace NewsCmdlets.Engine.Model;

/// <summary>A value made the first time it is read, safely from several threads (made at most once per winner).</summary>
internal static class Deferred
{
    /// <summary>
    /// The value, made by <paramref name="make"/> on first use. <paramref name="make"/> is cleared only after
    /// <paramref name="value"/> is set, so a reader that finds no maker left finds the value.
    /// </summary>
    public static T Get<T>(ref T? value, ref Func<T>? make) where T : class
    {
        var maker = Volatile.Read(ref make);
        var made = Volatile.Read(ref value);
        if (made != null) return made;
        if (maker == null) return Volatile.Read(ref value)!;
        Interlocked.CompareExchange(ref value, maker(), null);
        make = null;
        return value!;
    }

    /// <summary>
    /// The value, made from <paramref name="state"/> by <paramref name="make"/> on first use; <paramref name="state"/>
    /// is cleared only after <paramref name="value"/> is set. With a static <paramref name="make"/> nothing but the
    /// state is kept per value (no closure, no delegate).
    /// </summary>
    public static T Get<T, TState>(ref T? value, ref TState? state, Func<TState, T> make) where T : class where TState : class
    {
        var from = Volatile.Read(ref state);
        var made = Volatile.Read(ref value);
        if (made != null) return made;
        if (from == null) return Volatile.Read(ref value)!;
        Interlocked.CompareExchange(ref value, make(from), null);
        state = null;
        return value!;
    }
}
