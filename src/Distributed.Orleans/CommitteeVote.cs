namespace Specialized.Distributed.Orleans;

/// <summary>Combines members trained across the cluster into a committee: p(k | x) = the mean of the members' validation posteriors.</summary>
public static class CommitteeVote
{
    /// <summary>The committee's accuracy on the validation rows whose true <paramref name="labels"/> are given.</summary>
    public static double Accuracy(IReadOnlyList<TrainingResult> members, ReadOnlySpan<int> labels)
    {
        ArgumentNullException.ThrowIfNull(members);
        if (members.Count == 0) throw new ArgumentException("members is empty.", nameof(members));
        int length = members[0].ValidationProbabilities.Length;
        if (labels.Length == 0 || length % labels.Length != 0)
            throw new ArgumentException($"labels has {labels.Length} rows; the members' probabilities ({length} values) are not a whole number of rows of it.", nameof(labels));
        var mean = new float[length];
        foreach (TrainingResult member in members)
        {
            if (member.ValidationProbabilities.Length != length)
                throw new ArgumentException($"A member has {member.ValidationProbabilities.Length} probabilities; the first has {length}.", nameof(members));
            for (int i = 0; i < length; i++) mean[i] += member.ValidationProbabilities[i] / members.Count;
        }
        var predicted = new int[labels.Length];
        Metrics.ArgMaxRows(mean, length / labels.Length, predicted);
        return Metrics.Accuracy(predicted, labels);
    }
}
