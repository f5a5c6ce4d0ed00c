using System.Collections.Concurrent;

namespace Specialized.Onnx.Tests;

/// <summary>
/// LoadWeightsFromOnnx takes the model's exclusive-use guard, as LoadWeights does: loading on one thread while another
/// trains the same instance ends in <see cref="InvalidOperationException"/> on one of them (never a torn model), and
/// every load that went through left exactly the file's weights.
/// </summary>
public sealed class ImportGuardTests
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(60);

    [Fact]
    public async Task Loading_from_onnx_while_another_thread_trains_throws_InvalidOperationException()
    {
        using var directory = new TestData.TemporaryDirectory();
        var source = new MlpRelu();
        source.LoadWeights(TestData.Fixture("mlp_relu"));
        string path = directory.File("mlp_relu.onnx");
        source.ExportOnnx(path);

        var model = new MlpRelu();
        const int batch = 64;
        float[] inputs = TestData.Uniform(batch * 64, seed: 5);
        int[] labels = [.. Enumerable.Range(0, batch).Select(i => i % 10)];
        var seen = new ConcurrentDictionary<string, string>();
        var budget = System.Diagnostics.Stopwatch.StartNew();
        bool Done() => !seen.IsEmpty || budget.Elapsed > TimeSpan.FromSeconds(30);
        var run = Task.Run(() => Parallel.For(0, 2, thread =>
        {
            for (int i = 0; i < 200 || !Done(); i++)
            {
                try
                {
                    if (thread == 0) model.LoadWeightsFromOnnx(path);
                    else model.ComputeGradients(inputs, labels);
                }
                catch (InvalidOperationException e)
                {
                    // The refused call names itself first ("LoadWeights was called on a MlpRelu while ComputeGradients ...").
                    seen.TryAdd(e.Message[..e.Message.IndexOf(' ', StringComparison.Ordinal)], e.Message);
                }
            }
        }));
        await run.WaitAsync(Timeout); // a spin or deadlock fails here with a TimeoutException
        // Without the guard on the ONNX load, the one training thread is never refused and nothing is seen.
        Assert.NotEmpty(seen);
        Assert.All(seen.Values, message => Assert.Matches(@"^(LoadWeights was called on a [\w.]*MlpRelu while ComputeGradients|ComputeGradients was called on a [\w.]*MlpRelu while LoadWeights) ", message));

        // Nothing trains it now: a last load gives exactly the file's weights.
        model.LoadWeightsFromOnnx(path);
        Assert.Equal(source.Parameters.ToArray(), model.Parameters.ToArray());
    }
}
