namespace Specialized.Distributed.Orleans;

/// <summary>
/// The grain key of one attempt at one member: <c>run/index/attempt</c>, then, after a failure, <c>/</c> and the silos
/// that failed this member so far, comma-separated (<c>SiloAddress.ToString()</c> holds no <c>/</c> or <c>,</c>).
/// <see cref="ClusterTrainer"/> writes it; <see cref="SpreadPlacementDirector"/> reads it on whichever silo places the
/// activation, so the silo that lost a member is never chosen for its retry even while that silo's own gateway or a
/// stale membership view still lists it as active.
/// </summary>
internal readonly record struct AttemptKey(string Run, int Index, int Attempt, IReadOnlyList<string> FailedSilos)
{
    public override string ToString() =>
        FailedSilos.Count == 0 ? $"{Run}/{Index}/{Attempt}" : $"{Run}/{Index}/{Attempt}/{string.Join(',', FailedSilos)}";

    /// <summary>Reads a key written by <see cref="ToString"/>; false for any other shape.</summary>
    public static bool TryParse(string key, out AttemptKey parsed)
    {
        parsed = default;
        string[] parts = key.Split('/');
        if (parts.Length is < 3 or > 4 || !int.TryParse(parts[1], out int index) || !int.TryParse(parts[2], out int attempt)) return false;
        string[] failed = parts.Length == 4 ? parts[3].Split(',', StringSplitOptions.RemoveEmptyEntries) : [];
        parsed = new AttemptKey(parts[0], index, attempt, failed);
        return true;
    }
}
