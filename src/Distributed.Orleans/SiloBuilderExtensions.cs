using Microsoft.Extensions.DependencyInjection;
using Orleans;
using Orleans.Hosting;
using Orleans.Runtime;

namespace Specialized.Distributed.Orleans;

/// <summary>Registers the training grains' services on a silo.</summary>
public static class SiloBuilderExtensions
{
    /// <summary>
    /// Adds the jobs <paramref name="configure"/> registers (the same on every silo) and the <see cref="SpreadPlacement"/>
    /// director, so this silo can host <see cref="TrainingGrain"/> activations.
    /// </summary>
    public static ISiloBuilder AddSpecializedTraining(this ISiloBuilder builder, Action<TrainingCatalog> configure)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentNullException.ThrowIfNull(configure);
        var catalog = new TrainingCatalog();
        configure(catalog);
        builder.Services.AddSingleton(catalog);
        builder.Services.AddSingleton<SiloStopping>();
        builder.Services.AddSingleton<ILifecycleParticipant<ISiloLifecycle>>(services => services.GetRequiredService<SiloStopping>());
        builder.AddPlacementDirector<SpreadPlacement, SpreadPlacementDirector>();
        return builder;
    }
}
