using Specialized.Generators.Infrastructure;

namespace Specialized.Generators.Parsing;

/// <summary>What a [KernelSvm] declaration says, checked, as plain values (no symbols, nodes or locations).</summary>
internal sealed record SvmSpec(
    string? Namespace,
    string ClassName,
    string Accessibility,
    int Features,
    SvmKernelKind Kernel,
    double C,
    double Gamma,
    int Degree,
    double Coef0,
    double Tolerance,
    double CacheMegabytes,
    bool Shrinking)
{
    public string FullName => Namespace is null ? ClassName : Namespace + "." + ClassName;

    public string HintName => FullName + ".g.cs";

    /// <summary>Whether the kernel is a function of the dot product (all but RBF, which uses the squared distance).</summary>
    public bool UsesDotProduct => Kernel != SvmKernelKind.Rbf;
}

// Mirror of the runtime's SvmKernel (the generator cannot reference the runtime assembly); values must match.
internal enum SvmKernelKind { Linear, Polynomial, Rbf, Sigmoid }

/// <summary>The SVM parser's answer: a spec when the declaration is sound, and every diagnostic found.</summary>
internal sealed record SvmParseResult(SvmSpec? Spec, EquatableArray<DiagnosticInfo> Diagnostics);
