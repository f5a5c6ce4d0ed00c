namespace Specialized;

/// <summary>The argument checks every schedule makes before answering.</summary>
internal static class ScheduleArguments
{
    public static void Check(int epoch, float baseLearningRate)
    {
        if (epoch < 0) throw new ArgumentOutOfRangeException(nameof(epoch), epoch, "epoch must be 0 or more.");
        Require.Positive(baseLearningRate);
    }
}
