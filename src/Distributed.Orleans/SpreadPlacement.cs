using Orleans.Placement;
using Orleans.Runtime;
using Orleans.Runtime.Placement;

namespace Specialized.Distributed.Orleans;

/// <summary>
/// Placement that deals new training activations to the compatible silos in turn, so the members of a committee or
/// the trials of a search spread over the cluster rather than landing where the call came in. A silo that has left
/// the cluster is no longer compatible, so a retried member goes to one that is alive.
/// </summary>
[Serializable, GenerateSerializer, Immutable, SuppressReferenceTracking]
public sealed class SpreadPlacement : PlacementStrategy
{
    /// <summary>The one instance.</summary>
    public static SpreadPlacement Instance { get; } = new();
}

/// <summary>Places the grain class with <see cref="SpreadPlacement"/>.</summary>
[AttributeUsage(AttributeTargets.Class, AllowMultiple = false)]
public sealed class SpreadPlacementAttribute : PlacementAttribute
{
    /// <summary>Uses <see cref="SpreadPlacement.Instance"/>.</summary>
    public SpreadPlacementAttribute()
        : base(SpreadPlacement.Instance)
    {
    }
}

/// <summary>
/// The director behind <see cref="SpreadPlacement"/>. Every silo that receives a first call places it, so a per-silo
/// counter would deal in step with the client's own round robin over gateways and leave silos idle; instead the
/// member index and attempt in the key (<see cref="AttemptKey"/>, as <see cref="ClusterTrainer"/> writes it) pick the
/// silo, the same on every gateway: member i's first attempt goes to silo i mod n, each retry to the next silo.
/// A retry never goes to a silo that already failed this member (the key lists them) nor to one this silo's
/// membership view no longer sees as active: a killed silo stays "active" in the views of the others for a few
/// probe periods, and without the first rule a retry could be dealt straight back to it.
/// </summary>
internal sealed class SpreadPlacementDirector(ISiloStatusOracle membership) : IPlacementDirector
{
    public Task<SiloAddress> OnAddActivation(PlacementStrategy strategy, PlacementTarget target, IPlacementContext context)
    {
        string key = target.GrainIdentity.Key.ToString() ?? "";
        SiloAddress[] compatible = context.GetCompatibleSilos(target).OrderBy(silo => silo.ToString(), StringComparer.Ordinal).ToArray();
        if (compatible.Length == 0) throw new OrleansException($"No silo can host {target.GrainIdentity}; is the training grain's assembly loaded on every silo?");
        SiloAddress[] candidates = Candidates(compatible, key, silo => membership.GetApproximateSiloStatus(silo));
        return Task.FromResult(candidates[(int)(Turn(key) % (uint)candidates.Length)]);
    }

    /// <summary>
    /// The compatible silos that are active and have not failed this member; when that leaves none (every silo failed
    /// it once), the active ones, then all compatible ones, so a member is never refused a place.
    /// </summary>
    internal static SiloAddress[] Candidates(SiloAddress[] compatible, string key, Func<SiloAddress, SiloStatus> status)
    {
        SiloAddress[] active = [.. compatible.Where(silo => status(silo) == SiloStatus.Active)];
        if (active.Length == 0) active = compatible;
        if (!AttemptKey.TryParse(key, out AttemptKey attempt) || attempt.FailedSilos.Count == 0) return active;
        SiloAddress[] untried = [.. active.Where(silo => !attempt.FailedSilos.Contains(silo.ToString()))];
        return untried.Length > 0 ? untried : active;
    }

    internal static uint Turn(string key)
    {
        if (AttemptKey.TryParse(key, out AttemptKey attempt)) return unchecked((uint)(attempt.Index + attempt.Attempt - 1));
        // Another key shape: spread by a stable hash (string.GetHashCode differs per process, so not that).
        uint hash = 2166136261;
        foreach (char c in key) hash = unchecked((hash ^ c) * 16777619);
        return hash;
    }
}
