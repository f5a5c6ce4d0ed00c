namespace Specialized.Tests.Optimization;

/// <summary>Argument checks, sizing, reset, learning-rate changes and the no-allocation promise.</summary>
public sealed class OptimizerBehaviourTests
{
    public static TheoryData<string, Func<IOptimizer>> AllOptimizers() => new()
    {
        { "Sgd", () => new Sgd(0.1f, momentum: 0.9f, nesterov: true, weightDecay: 1e-4f) },
        { "RmsProp", () => new RmsProp(momentum: 0.5f, centered: true, weightDecay: 1e-4f) },
        { "AdaGrad", () => new AdaGrad(learningRateDecay: 0.01f, weightDecay: 1e-4f) },
        { "AdaDelta", () => new AdaDelta(weightDecay: 1e-4f) },
        { "Adam", () => new Adam(weightDecay: 1e-4f, amsGrad: true) },
        { "AdamW", () => new AdamW(amsGrad: true) },
    };

    public static TheoryData<string, Action> InvalidHyperParameters() => new()
    {
        { "learningRate", () => new Sgd(0f) },
        { "learningRate", () => new Sgd(-0.1f) },
        { "learningRate", () => new Adam(float.NaN) },
        { "momentum", () => new Sgd(0.1f, momentum: -0.5f) },
        { "dampening", () => new Sgd(0.1f, momentum: 0.9f, dampening: -1f) },
        { "weightDecay", () => new Sgd(0.1f, weightDecay: -1f) },
        { "alpha", () => new RmsProp(alpha: 1f) },
        { "epsilon", () => new RmsProp(epsilon: 0f) },
        { "momentum", () => new RmsProp(momentum: -0.1f) },
        { "learningRateDecay", () => new AdaGrad(learningRateDecay: -1f) },
        { "initialAccumulatorValue", () => new AdaGrad(initialAccumulatorValue: -1f) },
        { "epsilon", () => new AdaGrad(epsilon: -1e-10f) },
        { "rho", () => new AdaDelta(rho: 1.5f) },
        { "epsilon", () => new AdaDelta(epsilon: 0f) },
        { "beta1", () => new Adam(beta1: 1f) },
        { "beta2", () => new Adam(beta2: -0.1f) },
        { "epsilon", () => new Adam(epsilon: 0f) },
        { "weightDecay", () => new AdamW(weightDecay: -0.01f) },
        { "beta1", () => new AdamW(beta1: 1.2f) },
    };

    [Theory]
    [MemberData(nameof(InvalidHyperParameters))]
    public void Invalid_hyper_parameter_throws_naming_it(string parameter, Action create)
    {
        var exception = Assert.Throws<ArgumentOutOfRangeException>(create);
        Assert.Equal(parameter, exception.ParamName);
    }

    [Theory]
    [InlineData(0f, 0f)]
    [InlineData(0.9f, 0.1f)]
    public void Nesterov_without_momentum_or_with_dampening_throws_naming_nesterov(float momentum, float dampening)
    {
        var exception = Assert.Throws<ArgumentException>(() => new Sgd(0.1f, momentum, dampening, nesterov: true));
        Assert.Equal("nesterov", exception.ParamName);
        Assert.Contains("momentum", exception.Message);
    }

    [Fact]
    public void Foundation_contract_sgd_steps_model_spans()
    {
        float[] parameters = [1f, 2f, 3f];
        float[] gradients = [1f, -1f, 0.5f];
        new Sgd(learningRate: 0.1f).Step(parameters, gradients);
        Assert.Equal([0.9f, 2.1f, 2.95f], parameters);
    }

    [Theory]
    [MemberData(nameof(AllOptimizers))]
    public void Mismatched_lengths_throw_naming_both_lengths(string name, Func<IOptimizer> create)
    {
        IOptimizer optimizer = create();
        var exception = Assert.Throws<ArgumentException>(() => optimizer.Step(new float[5], new float[4]));
        Assert.Contains("5", exception.Message);
        Assert.Contains("4", exception.Message);
        Assert.Contains("parameters", exception.Message);
        Assert.Contains("gradients", exception.Message);
        _ = name;
    }

    [Theory]
    [MemberData(nameof(AllOptimizers))]
    public void Step_with_another_length_throws_until_reset(string name, Func<IOptimizer> create)
    {
        IOptimizer optimizer = create();
        optimizer.Step(new float[10], Ones(10));
        var exception = Assert.Throws<ArgumentException>(() => optimizer.Step(new float[12], Ones(12)));
        Assert.Equal("parameters", exception.ParamName);
        Assert.Contains($"This {name} was sized for 10 parameters", exception.Message);
        Assert.Contains("Reset", exception.Message);

        optimizer.Reset();
        optimizer.Step(new float[12], Ones(12));
    }

    [Theory]
    [MemberData(nameof(AllOptimizers))]
    public void Reset_makes_the_next_step_a_first_step(string name, Func<IOptimizer> create)
    {
        IOptimizer optimizer = create();
        float[] gradients = [0.5f, -1f, 2f, 0.25f, -0.75f, 1.5f, -2f, 1f, 0.1f];
        float[] fresh = [1f, 2f, 3f, 4f, 5f, 6f, 7f, 8f, 9f];
        float[] reused = (float[])fresh.Clone();
        create().Step(fresh, gradients);

        optimizer.Step(new float[gradients.Length], gradients);
        optimizer.Step(new float[gradients.Length], gradients);
        optimizer.Reset();
        optimizer.Step(reused, gradients);
        Assert.Equal(fresh, reused);
        _ = name;
    }

    [Theory]
    [MemberData(nameof(AllOptimizers))]
    public void Steps_after_the_first_allocate_nothing(string name, Func<IOptimizer> create)
    {
        IOptimizer optimizer = create();
        var random = new Random(1);
        float[] parameters = Enumerable.Range(0, 1003).Select(_ => (float)random.NextDouble()).ToArray();
        float[] gradients = Enumerable.Range(0, 1003).Select(_ => (float)(random.NextDouble() - 0.5)).ToArray();
        // Warm-up: sizes the state and lets the JIT settle (tiering) before measuring.
        for (int i = 0; i < 50; i++) optimizer.Step(parameters, gradients);

        // On a loaded machine the tiered JIT may still be installing a method's optimized code during the
        // first window, and the runtime's bookkeeping for that shows up as a few hundred bytes on this thread.
        // A step that allocates allocates in every window, so one clean window out of five proves the steady state.
        var allocations = new List<long>();
        for (int window = 0; window < 5 && (allocations.Count == 0 || allocations[^1] != 0); window++)
        {
            long before = GC.GetAllocatedBytesForCurrentThread();
            for (int i = 0; i < 2000; i++)
            {
                optimizer.LearningRate = optimizer.LearningRate;
                optimizer.Step(parameters, gradients);
            }
            allocations.Add(GC.GetAllocatedBytesForCurrentThread() - before);
        }
        Assert.True(allocations[^1] == 0, $"{name} allocated in every window of 2000 steps: {string.Join(", ", allocations)} bytes.");
    }

    [Fact]
    public void LearningRate_set_between_steps_scales_the_next_step()
    {
        var optimizer = new Sgd(0.1f);
        float[] parameters = [1f];
        optimizer.Step(parameters, [1f]);
        optimizer.LearningRate = 0.01f;
        optimizer.Step(parameters, [1f]);
        // 1e-6: two float subtractions of exactly representable-ish steps.
        Assert.Equal(0.89f, parameters[0], 1e-6f);
        Assert.Equal(0.01f, optimizer.LearningRate);
    }

    [Theory]
    [InlineData(0f)]
    [InlineData(-1f)]
    [InlineData(float.PositiveInfinity)]
    public void LearningRate_set_to_a_non_positive_or_infinite_value_throws(float value)
    {
        var optimizer = new Adam();
        var exception = Assert.Throws<ArgumentOutOfRangeException>(() => optimizer.LearningRate = value);
        Assert.Equal("LearningRate", exception.ParamName);
        Assert.Equal(1e-3f, optimizer.LearningRate);
    }

    [Fact]
    public void Sgd_momentum_first_step_copies_the_gradient_then_dampens()
    {
        // torch: buf = d on the first step (no dampening), then buf = μ·buf + (1 − τ)·d.
        var optimizer = new Sgd(1f, momentum: 0.5f, dampening: 0.5f);
        float[] parameters = [0f];
        optimizer.Step(parameters, [2f]);
        Assert.Equal(-2f, parameters[0]);
        optimizer.Step(parameters, [2f]);
        Assert.Equal(-2f - (0.5f * 2f + 0.5f * 2f), parameters[0]);
    }

    [Fact]
    public void AdamW_shrinks_parameters_even_with_zero_gradient_and_Adam_L2_does_not_shrink_by_the_same_rule()
    {
        float[] decoupled = [1f];
        new AdamW(learningRate: 0.1f, weightDecay: 0.5f).Step(decoupled, [0f]);
        // θ(1 − γλ) = 0.95 and then the Adam step of m = 0, which is 0.
        Assert.Equal(0.95f, decoupled[0], 1e-7f);

        float[] coupled = [1f];
        new Adam(learningRate: 0.1f, weightDecay: 0.5f).Step(coupled, [0f]);
        // L2: g = λθ = 0.5, first Adam step is −γ·sign(g) (up to ε): 0.9.
        Assert.Equal(0.9f, coupled[0], 1e-6f);
    }

    [Fact]
    public void ToString_names_the_torch_optimizer_and_its_hyper_parameters()
    {
        Assert.Equal("AdamW(lr=0.001, betas=(0.9, 0.999), eps=1E-08, weight_decay=0.01, amsgrad=False)",
            new AdamCore<double>(1e-3, 0.9, 0.999, 1e-8, 0.01, amsGrad: false, decoupled: true).ToString());
        Assert.StartsWith("SGD(lr=0.5, momentum=0.75", new Sgd(0.5f, momentum: 0.75f).ToString());
        Assert.StartsWith("Adadelta(lr=1, rho=", new AdaDelta().ToString());
    }

    private static float[] Ones(int length) => Enumerable.Repeat(1f, length).ToArray();
}
