using Specialized.Classical;

namespace Specialized.Runtime.Tests.Classical;

public class GaussianClassifierTests
{
    public static TheoryData<string, CovarianceKind, string> ReferenceCases()
    {
        var cases = new TheoryData<string, CovarianceKind, string>();
        foreach (string set in ReferenceData.SetNames)
        {
            cases.Add(set, CovarianceKind.Diagonal, "gaussian_nb_accuracy");
            cases.Add(set, CovarianceKind.Shared, "lda_accuracy");
            if (set != "digits") cases.Add(set, CovarianceKind.Full, "qda_accuracy"); // digits has constant pixels: QDA is singular there
        }
        return cases;
    }

    [Theory]
    [MemberData(nameof(ReferenceCases))]
    public void Accuracy_on_raw_features_matches_scikit_learn(string set, CovarianceKind covariance, string key)
    {
        var (train, test) = ReferenceData.Raw(set);
        var classifier = new GaussianClassifier(covariance);
        classifier.Fit(train.Features, train.FeatureCount, train.Labels);
        double accuracy = ReferenceData.Accuracy(classifier, test.Features, test.Labels);
        double expected = ReferenceData.Value(set, key).GetDouble();
        // The margin: one percentage point (on the small sets this means the same predictions).
        Assert.InRange(accuracy, expected - 0.01, expected + 0.01);
    }

    [Fact]
    public void Probabilities_sum_to_one_and_agree_with_predictions()
    {
        var (train, test) = ReferenceData.Raw("iris");
        var classifier = new GaussianClassifier(CovarianceKind.Full);
        classifier.Fit(train.Features, train.FeatureCount, train.Labels);
        var probabilities = new float[test.Count * 3];
        classifier.PredictProbabilities(test.Features, probabilities);
        var predicted = new int[test.Count];
        classifier.Predict(test.Features, predicted);
        for (int r = 0; r < test.Count; r++)
        {
            ReadOnlySpan<float> row = probabilities.AsSpan(r * 3, 3);
            Assert.Equal(1.0, row[0] + row[1] + row[2], 5); // float rounding of three terms
            Assert.Equal(predicted[r], row.IndexOf(MaxOf(row)));
        }
    }

    private static float MaxOf(ReadOnlySpan<float> values)
    {
        float max = values[0];
        foreach (float v in values) max = Math.Max(max, v);
        return max;
    }

    [Fact]
    public void Full_covariance_of_a_singular_class_without_regularization_throws_naming_samples()
    {
        // Feature 1 is constant: every class covariance is singular.
        float[] samples = [0, 1, 1, 1, 2, 1, 5, 1, 6, 1, 7, 1];
        int[] labels = [0, 0, 0, 1, 1, 1];
        var error = Assert.Throws<ArgumentException>(() => new GaussianClassifier(CovarianceKind.Full).Fit(samples, 2, labels));
        Assert.Equal("samples", error.ParamName);
        Assert.Contains("regularization", error.Message);
        var regularized = new GaussianClassifier(CovarianceKind.Full, regularization: 1e-3);
        regularized.Fit(samples, 2, labels);
        Assert.Equal(1, regularized.Predict([6.5f, 1]));
    }

    [Fact]
    public void Labels_of_the_wrong_length_throw_naming_labels()
    {
        var error = Assert.Throws<ArgumentException>(() => new GaussianClassifier().Fit([1, 2, 3, 4], 2, [0]));
        Assert.Equal("labels", error.ParamName);
    }

    [Fact]
    public void Predict_before_fit_throws_invalid_operation()
    {
        Assert.Throws<InvalidOperationException>(() => new GaussianClassifier().Predict([1f, 2f]));
    }
}
