namespace Specialized;

/// <summary>
/// Detects two threads mutating one object at once. Models, optimizers and fitted algorithms are
/// documented as one-thread-at-a-time while they change; misuse must end in a clear exception,
/// never in a torn buffer or an out-of-bounds write. One interlocked exchange per call: cheap next
/// to any training step.
/// </summary>
/// <example>
/// <code>
/// private readonly ExclusiveUse _exclusive = new();
/// public void Fit(...) { using var _ = _exclusive.Enter(this, nameof(Fit)); ... }
/// </code>
/// </example>
public sealed class ExclusiveUse
{
    private int _busy;
    private string? _operation;

    /// <summary>
    /// Marks the owner busy for the lifetime of the returned scope, or throws
    /// <see cref="InvalidOperationException"/> when another call is already inside (on any thread,
    /// or re-entrantly on this one).
    /// </summary>
    public Scope Enter(object owner, string operation)
    {
        // The owner's name is looked up only on failure: Type.Name can allocate, and the guard sits on every step.
        if (Interlocked.Exchange(ref _busy, 1) != 0) throw Busy(owner.GetType().Name, operation);
        Volatile.Write(ref _operation, operation);
        return new Scope(this);
    }

    /// <summary>As <see cref="Enter(object, string)"/>, naming the owner as <paramref name="ownerName"/> in the message.</summary>
    public Scope Enter(string ownerName, string operation)
    {
        if (Interlocked.Exchange(ref _busy, 1) != 0) throw Busy(ownerName, operation);
        Volatile.Write(ref _operation, operation);
        return new Scope(this);
    }

    private InvalidOperationException Busy(string ownerName, string operation) =>
        new($"{operation} was called on a {ownerName} while {Volatile.Read(ref _operation) ?? "another call"} was still running on it. " +
            "An instance may be trained, stepped, fitted or loaded by one thread at a time: give each thread its own instance.");

    /// <summary>True while a call holds the guard (for tests and diagnostics).</summary>
    public bool IsBusy => Volatile.Read(ref _busy) != 0;

    /// <summary>Releases the guard when disposed; use it with <c>using</c>.</summary>
    public readonly ref struct Scope
    {
        private readonly ExclusiveUse? _owner;

        internal Scope(ExclusiveUse owner) => _owner = owner;

        /// <summary>Releases the guard.</summary>
        public void Dispose()
        {
            if (_owner is null) return;
            Volatile.Write(ref _owner._operation, null);
            Volatile.Write(ref _owner._busy, 0);
        }
    }
}
