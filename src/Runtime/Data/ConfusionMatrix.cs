using System.Globalization;
using System.Text;

namespace Specialized;

/// <summary>
/// Counts of true class against predicted class, with the per-class precision, recall and F1 a
/// classifier report needs. Row = true class, column = predicted class (scikit-learn's layout).
/// </summary>
public sealed class ConfusionMatrix
{
    private readonly int[] _counts;

    /// <summary>Counts every (true, predicted) pair.</summary>
    /// <param name="trueLabels">The true class of each sample, in [0, <paramref name="classCount"/>).</param>
    /// <param name="predictedLabels">The predicted class of each sample, in [0, <paramref name="classCount"/>).</param>
    /// <param name="classCount">The number of classes, 1 or more.</param>
    /// <exception cref="ArgumentException">The label counts differ, or a label is out of range (the message names it).</exception>
    public ConfusionMatrix(ReadOnlySpan<int> trueLabels, ReadOnlySpan<int> predictedLabels, int classCount)
    {
        if (classCount < 1) throw new ArgumentOutOfRangeException(nameof(classCount), classCount, "classCount must be at least 1.");
        if (trueLabels.IsEmpty) throw new ArgumentException("trueLabels is empty; expected at least one sample.", nameof(trueLabels));
        Require.Labels(trueLabels, trueLabels.Length, nameof(trueLabels), classCount);
        Require.Labels(predictedLabels, trueLabels.Length, nameof(predictedLabels), classCount);
        ClassCount = classCount;
        Total = trueLabels.Length;
        _counts = new int[classCount * classCount];
        for (int i = 0; i < trueLabels.Length; i++) _counts[trueLabels[i] * classCount + predictedLabels[i]]++;
    }

    /// <summary>The number of classes.</summary>
    public int ClassCount { get; }

    /// <summary>The number of samples counted.</summary>
    public int Total { get; }

    /// <summary>Samples of true class <paramref name="trueClass"/> predicted as <paramref name="predictedClass"/>.</summary>
    public int this[int trueClass, int predictedClass]
    {
        get
        {
            Require.InRange(trueClass, 0, ClassCount - 1);
            Require.InRange(predictedClass, 0, ClassCount - 1);
            return _counts[trueClass * ClassCount + predictedClass];
        }
    }

    /// <summary>Samples on the diagonal.</summary>
    public int Correct
    {
        get
        {
            int correct = 0;
            for (int c = 0; c < ClassCount; c++) correct += _counts[c * ClassCount + c];
            return correct;
        }
    }

    /// <summary>The fraction of samples predicted correctly.</summary>
    public double Accuracy => (double)Correct / Total;

    /// <summary>Samples whose true class is <paramref name="classIndex"/> (the row sum).</summary>
    public int Support(int classIndex)
    {
        Require.InRange(classIndex, 0, ClassCount - 1);
        int sum = 0;
        for (int p = 0; p < ClassCount; p++) sum += _counts[classIndex * ClassCount + p];
        return sum;
    }

    /// <summary>Samples predicted as <paramref name="classIndex"/> (the column sum).</summary>
    public int Predicted(int classIndex)
    {
        Require.InRange(classIndex, 0, ClassCount - 1);
        int sum = 0;
        for (int t = 0; t < ClassCount; t++) sum += _counts[t * ClassCount + classIndex];
        return sum;
    }

    /// <summary>Of the samples predicted as the class, the fraction that are; 0 when none is predicted (scikit-learn's zero_division = 0).</summary>
    public double Precision(int classIndex) => Ratio(_counts[Diagonal(classIndex)], Predicted(classIndex));

    /// <summary>Of the samples of the class, the fraction predicted as it; 0 when the class has no samples.</summary>
    public double Recall(int classIndex) => Ratio(_counts[Diagonal(classIndex)], Support(classIndex));

    /// <summary>The harmonic mean of precision and recall; 0 when both are 0.</summary>
    public double F1(int classIndex)
    {
        double precision = Precision(classIndex), recall = Recall(classIndex);
        return precision + recall == 0 ? 0 : 2 * precision * recall / (precision + recall);
    }

    /// <summary>The unweighted mean of the per-class F1 scores.</summary>
    public double MacroF1
    {
        get
        {
            double sum = 0;
            for (int c = 0; c < ClassCount; c++) sum += F1(c);
            return sum / ClassCount;
        }
    }

    /// <summary>The matrix as a table (rows true, columns predicted) followed by per-class precision, recall, F1 and support.</summary>
    public override string ToString() => ToString(null);

    /// <summary>As <see cref="ToString()"/>, labelling classes with <paramref name="classNames"/> when given.</summary>
    /// <exception cref="ArgumentException"><paramref name="classNames"/> does not hold one name per class.</exception>
    public string ToString(IReadOnlyList<string>? classNames)
    {
        if (classNames is not null && classNames.Count != ClassCount)
            throw new ArgumentException($"classNames has {classNames.Count} names; expected {ClassCount}.", nameof(classNames));
        string Name(int c) => classNames?[c] ?? c.ToString(CultureInfo.InvariantCulture);
        int nameWidth = Math.Max("true \\ predicted".Length, Enumerable.Range(0, ClassCount).Max(c => Name(c).Length));
        int cellWidth = Math.Max(Total.ToString(CultureInfo.InvariantCulture).Length, Enumerable.Range(0, ClassCount).Max(c => Name(c).Length)) + 1;

        var text = new StringBuilder();
        text.Append("true \\ predicted".PadRight(nameWidth));
        for (int p = 0; p < ClassCount; p++) text.Append(Name(p).PadLeft(cellWidth));
        text.AppendLine();
        for (int t = 0; t < ClassCount; t++)
        {
            text.Append(Name(t).PadRight(nameWidth));
            for (int p = 0; p < ClassCount; p++) text.Append(_counts[t * ClassCount + p].ToString(CultureInfo.InvariantCulture).PadLeft(cellWidth));
            text.AppendLine();
        }
        text.AppendLine();
        text.Append("class".PadRight(nameWidth)).AppendLine(" precision    recall        F1   support");
        for (int c = 0; c < ClassCount; c++)
        {
            text.Append(Name(c).PadRight(nameWidth))
                .Append(CultureInfo.InvariantCulture, $" {Precision(c),9:F4} {Recall(c),9:F4} {F1(c),9:F4} {Support(c),9}")
                .AppendLine();
        }
        text.Append(CultureInfo.InvariantCulture, $"accuracy {Accuracy:F4} ({Correct} of {Total}), macro F1 {MacroF1:F4}");
        return text.ToString();
    }

    private int Diagonal(int classIndex)
    {
        Require.InRange(classIndex, 0, ClassCount - 1);
        return classIndex * ClassCount + classIndex;
    }

    private static double Ratio(int count, int total) => total == 0 ? 0 : (double)count / total;
}
