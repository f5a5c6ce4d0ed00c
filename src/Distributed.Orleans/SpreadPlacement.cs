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
/// member index and attempt in the key (<c>run/index/attempt</c>, as <see cref="ClusterTrainer"/> writes it) pick the
/// silo, the same on every gateway: member i's first attempt goes to silo i mod n, each retry to the next silo.
/// </summary>
internal sealed class SpreadPlacementDirector : IPlacementDirector
{
    public Task<SiloAddress> OnAddActivation(PlacementStrategy strategy, PlacementTarget target, IPlacementContext context)
    {
        SiloAddress[] silos = context.GetCompatibleSilos(target).OrderBy(silo => silo.ToString(), StringComparer.Ordinal).ToArray();
        if (silos.Length == 0) throw new OrleansException($"No silo can host {target.GrainIdentity}; is the training grain's assembly loaded on every silo?");
        return Task.FromResult(silos[(int)(Turn(target.GrainIdentity.Key.ToString()) % (uint)silos.Length)]);
    }

    internal static uint Turn(string key)
    {
        string[] parts = key.Split('/');
        if (parts.Length >= 3 && int.TryParse(parts[^2], out int index) && int.TryParse(parts[^1], out int attempt))
            return unchecked((uint)(index + attempt - 1));
        // Another key shape: spread by a stable hash (string.GetHashCode differs per process, so not that).
        uint hash = 2166136261;
        foreach (char c in key) hash = unchecked((hash ^ c) * 16777619);
        return hash;
    }
}
