using System.Diagnostics;
using System.Globalization;

namespace Specialized.Distributed.Mpi.Host;

/// <summary>
/// What a non-blocking allreduce could hide behind, measured in one process (docs/distributed.md, "overlap"): per step
/// of a rank's shard, the time to gather the next global batch, the forward and backward pass, and the optimizer step.
/// Only the batch gathering and the optimizer step can run while a bucket of gradients is in flight: the generated
/// backward pass hands over the gradient when it is complete.
/// </summary>
public static class StepPhases
{
    public static int Run<TModel>(TModel model, int ranks, int batch, int steps) where TModel : class, IModel
    {
        var (train, _) = HostData.Digits();
        model.ResetParameters(1);
        var sampler = new MinibatchSampler(train, batch, seed: 2);
        var optimizer = new Sgd(0.01f, momentum: 0.9f);
        var inputs = new float[batch * TModel.InputSize];
        var labels = new int[batch];
        long fill = 0, compute = 0, step = 0;
        for (int i = -20; i < steps; i++) // 20 untimed warm-up steps
        {
            long t0 = Stopwatch.GetTimestamp();
            int rows = sampler.FillBatch(Math.Abs(i) % sampler.BatchCount, inputs, labels);
            long t1 = Stopwatch.GetTimestamp();
            (int first, int count) = DistributedTrainer<TModel>.Shard(rows, 0, ranks);
            model.ComputeGradients(inputs.AsSpan(first * TModel.InputSize, count * TModel.InputSize), labels.AsSpan(first, count));
            long t2 = Stopwatch.GetTimestamp();
            optimizer.Step(model.Parameters, model.Gradients);
            long t3 = Stopwatch.GetTimestamp();
            if (i < 0) continue;
            fill += t1 - t0;
            compute += t2 - t1;
            step += t3 - t2;
        }
        double Ms(long ticks) => Stopwatch.GetElapsedTime(0, ticks).TotalMilliseconds / steps;
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"{typeof(TModel).Name} params={TModel.ParameterCount} global_batch={batch} shard={batch / ranks} fill_ms={Ms(fill):F3} forward_backward_ms={Ms(compute):F3} optimizer_ms={Ms(step):F3}"));
        return 0;
    }
}
