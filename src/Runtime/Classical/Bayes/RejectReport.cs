namespace Specialized.Classical;

/// <summary>How a classifier with a reject option fared on labelled data.</summary>
/// <param name="Total">Rows evaluated.</param>
/// <param name="Rejected">Rows the classifier refused to classify.</param>
/// <param name="Errors">Misclassified rows among the accepted ones.</param>
public readonly record struct RejectReport(int Total, int Rejected, int Errors)
{
    /// <summary>Rows classified.</summary>
    public int Accepted => Total - Rejected;

    /// <summary>Fraction of rows rejected.</summary>
    public double RejectionRate => Total == 0 ? 0 : (double)Rejected / Total;

    /// <summary>Error rate on the accepted rows (0 when every row was rejected).</summary>
    public double ErrorOnAccepted => Accepted == 0 ? 0 : (double)Errors / Accepted;
}
