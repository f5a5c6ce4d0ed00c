using System.Diagnostics;
using System.Globalization;

namespace Specialized.Distributed.Mpi.Host;

/// <summary>The measurements behind docs/distributed.md: compute and allreduce per step, and epoch time, for one model at one rank count.</summary>
public static class Bench
{
    public static int Run<TModel>(TModel model, MpiWorld world, int epochs, int batch) where TModel : class, IModel
    {
        var (train, _) = HostData.Digits();
        model.ResetParameters(1);
        // Warm-up: compile every path and fault in every buffer before anything is timed.
        new DistributedTrainer<TModel>(model, new Sgd(0.01f, momentum: 0.9f), world, new TrainerOptions { Epochs = 1, BatchSize = batch }).Fit(train);
        world.Barrier();
        DistributedTrainingSummary summary = new DistributedTrainer<TModel>(model, new Sgd(0.01f, momentum: 0.9f), world,
            new TrainerOptions { Epochs = epochs, BatchSize = batch, Seed = 2 }).Fit(train);

        const int Repeats = 200;
        long allreduceTicks = 0;
        for (int i = 0; i < Repeats; i++)
        {
            world.Barrier();
            long start = Stopwatch.GetTimestamp();
            world.AllReduce(model.Gradients);
            allreduceTicks += Stopwatch.GetTimestamp() - start;
        }
        Span<double> figures = [summary.ComputeTime.TotalMilliseconds, summary.CommunicationTime.TotalMilliseconds, Stopwatch.GetElapsedTime(0, allreduceTicks).TotalMilliseconds];
        world.AllReduce(figures, MpiOperation.Max);
        if (world.IsRoot)
        {
            double steps = summary.Steps;
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"{typeof(TModel).Name} params={TModel.ParameterCount} ranks={world.Size} batch={batch} epochs={epochs} steps={summary.Steps} " +
                $"epoch_ms={summary.Training.Elapsed.TotalMilliseconds / epochs:F1} samples_per_s={summary.Training.SamplesPerSecond:F0} " +
                $"compute_ms_per_step={figures[0] / steps:F3} allreduce_in_step_ms={figures[1] / steps:F3} allreduce_alone_ms={figures[2] / Repeats:F4}"));
        }
        return 0;
    }
}
