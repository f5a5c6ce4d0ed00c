using System.Numerics;
using System.Text.Json;

namespace Specialized.Tests.Optimization;

/// <summary>The trajectories of tests/fixtures/optimizers.json (torch.optim, PyTorch 1.13, float64).</summary>
internal sealed class OptimizerFixture
{
    private OptimizerFixture(double[] start, double[][] gradients, Dictionary<string, Case> cases)
    {
        Start = start;
        Gradients = gradients;
        Cases = cases;
    }

    public double[] Start { get; }

    public double[][] Gradients { get; }

    public Dictionary<string, Case> Cases { get; }

    public static OptimizerFixture Load()
    {
        string path = Path.Combine(AppContext.BaseDirectory, "fixtures", "optimizers.json");
        using JsonDocument document = JsonDocument.Parse(File.ReadAllText(path));
        JsonElement root = document.RootElement;
        double[] start = Vector(root.GetProperty("start"));
        double[][] gradients = root.GetProperty("grads").EnumerateArray().Select(Vector).ToArray();
        var cases = new Dictionary<string, Case>();
        foreach (JsonElement optimizer in root.GetProperty("optimizers").EnumerateArray())
        {
            var hyper = optimizer.GetProperty("hyper").EnumerateObject().ToDictionary(p => p.Name, p => p.Value.Clone());
            double[][] expected = optimizer.GetProperty("params_after_each_step").EnumerateArray().Select(Vector).ToArray();
            string name = optimizer.GetProperty("name").GetString()!;
            cases[name] = new Case(name, optimizer.GetProperty("torch").GetString()!, hyper, expected);
        }
        return new OptimizerFixture(start, gradients, cases);
    }

    private static double[] Vector(JsonElement element) => element.EnumerateArray().Select(e => e.GetDouble()).ToArray();

    public sealed record Case(string Name, string Torch, Dictionary<string, JsonElement> Hyper, double[][] Expected)
    {
        public double Get(string key, double fallback) => Hyper.TryGetValue(key, out JsonElement value) ? value.GetDouble() : fallback;

        public bool Flag(string key) => Hyper.TryGetValue(key, out JsonElement value) && value.GetBoolean();

        public double Beta(int index, double fallback) => Hyper.TryGetValue("betas", out JsonElement value) ? value[index].GetDouble() : fallback;

        /// <summary>The generic update code with torch's defaults for what the fixture leaves out.</summary>
        public OptimizerCore<T> CreateCore<T>() where T : unmanaged, IFloatingPointIeee754<T> => Torch switch
        {
            "SGD" => new SgdCore<T>(Get("lr", 0), Get("momentum", 0), Get("dampening", 0), Flag("nesterov"), Get("weight_decay", 0)),
            "RMSprop" => new RmsPropCore<T>(Get("lr", 1e-2), Get("alpha", 0.99), Get("eps", 1e-8), Get("weight_decay", 0), Get("momentum", 0), Flag("centered")),
            "Adagrad" => new AdaGradCore<T>(Get("lr", 1e-2), Get("lr_decay", 0), Get("weight_decay", 0), Get("initial_accumulator_value", 0), Get("eps", 1e-10)),
            "Adadelta" => new AdaDeltaCore<T>(Get("lr", 1), Get("rho", 0.9), Get("eps", 1e-6), Get("weight_decay", 0)),
            "Adam" => new AdamCore<T>(Get("lr", 1e-3), Beta(0, 0.9), Beta(1, 0.999), Get("eps", 1e-8), Get("weight_decay", 0), Flag("amsgrad"), decoupled: false),
            "AdamW" => new AdamCore<T>(Get("lr", 1e-3), Beta(0, 0.9), Beta(1, 0.999), Get("eps", 1e-8), Get("weight_decay", 1e-2), Flag("amsgrad"), decoupled: true),
            _ => throw new InvalidOperationException($"Fixture optimizer {Torch} has no counterpart."),
        };

        /// <summary>The public single-precision optimizer, built the way a user would.</summary>
        public IOptimizer CreatePublic() => Torch switch
        {
            "SGD" => new Sgd((float)Get("lr", 0), (float)Get("momentum", 0), (float)Get("dampening", 0), Flag("nesterov"), (float)Get("weight_decay", 0)),
            "RMSprop" => new RmsProp((float)Get("lr", 1e-2), (float)Get("alpha", 0.99), (float)Get("eps", 1e-8), (float)Get("weight_decay", 0), (float)Get("momentum", 0), Flag("centered")),
            "Adagrad" => new AdaGrad((float)Get("lr", 1e-2), (float)Get("lr_decay", 0), (float)Get("weight_decay", 0), (float)Get("initial_accumulator_value", 0), (float)Get("eps", 1e-10)),
            "Adadelta" => new AdaDelta((float)Get("lr", 1), (float)Get("rho", 0.9), (float)Get("eps", 1e-6), (float)Get("weight_decay", 0)),
            "Adam" => new Adam((float)Get("lr", 1e-3), (float)Beta(0, 0.9), (float)Beta(1, 0.999), (float)Get("eps", 1e-8), (float)Get("weight_decay", 0), Flag("amsgrad")),
            "AdamW" => new AdamW((float)Get("lr", 1e-3), (float)Beta(0, 0.9), (float)Beta(1, 0.999), (float)Get("eps", 1e-8), (float)Get("weight_decay", 1e-2), Flag("amsgrad")),
            _ => throw new InvalidOperationException($"Fixture optimizer {Torch} has no counterpart."),
        };
    }
}
