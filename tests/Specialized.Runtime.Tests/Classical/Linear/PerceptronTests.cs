using Specialized.Classical;
using static Specialized.Tests.Classical.Discriminative.SklearnReference;

namespace Specialized.Tests.Classical.Linear;

public class PerceptronTests
{
    [Theory]
    [InlineData("iris")]
    [InlineData("wine")]
    [InlineData("breast_cancer")]
    [InlineData("digits")]
    public void Standardized_accuracy_is_near_sklearn(string set)
    {
        var (train, test) = Load(set);
        var (x, xTest) = Standardize(train, test);
        var model = new Perceptron(seed: 0);
        model.Fit(x, train.FeatureCount, train.Labels);
        double reference = Number(set, "perceptron_accuracy");
        // The perceptron's end point depends on the visiting order (our shuffles are not numpy's) and
        // we stop on the pocket rule, sklearn on its loss: 3 test samples or 2 pp, whichever is larger.
        double tolerance = Math.Max(0.02, 3.0 / test.Count) + 1e-9;
        Assert.InRange(Accuracy(model, xTest, test.Labels), reference - tolerance, reference + tolerance);
    }

    [Fact]
    public void Separable_data_is_learned_exactly_and_training_stops_early()
    {
        float[] x = [0, 0, 1, 0, 0, 1, 3, 3, 4, 3, 3, 4];
        int[] y = [0, 0, 0, 1, 1, 1];
        var model = new Perceptron(maxEpochs: 1000);
        model.Fit(x, 2, y);
        var predicted = new int[6];
        model.Predict(x, predicted);
        Assert.Equal(y, predicted);
        Assert.True(model.EpochsRun < 1000);
    }

    [Fact]
    public void Non_separable_data_stops_on_the_pocket_rule()
    {
        // XOR is not linearly separable: the plain rule would cycle forever; the pocket stops after
        // `patience` epochs without fewer errors and keeps the best weights (at most 1 of 4 wrong... or 2).
        float[] x = [0, 0, 1, 1, 0, 1, 1, 0];
        int[] y = [0, 0, 1, 1];
        var model = new Perceptron(maxEpochs: 10_000, patience: 5);
        model.Fit(x, 2, y);
        Assert.True(model.EpochsRun < 100, $"ran {model.EpochsRun} epochs");
        var predicted = new int[4];
        model.Predict(x, predicted);
        Assert.True(predicted.Zip(y).Count(p => p.First == p.Second) >= 2);
    }
}
